import { describe, expect, it } from 'vitest';
import { podObject, type PodSpecOptions } from '../testing/pod-objects.ts';
import { PodIndex } from './pod-index.ts';
import { normaliseIp, podView, type PodView } from './pod-view.ts';

function view(o: PodSpecOptions): PodView {
  const v = podView(podObject(o));
  if (v === undefined) throw new Error('pod');
  return v;
}

describe('identity binding: an IP answers only for the Running pod that holds it', () => {
  it('finds a Running pod by IP and by UID', () => {
    const index = new PodIndex();
    const p = view({ name: 'a', ip: '10.0.0.1' });
    index.upsert(p);
    expect(index.ownerOf('10.0.0.1')).toEqual({ kind: 'pod', pod: p });
    expect(index.byUid(p.uid)).toBe(p);
    expect(index.ownerOf('10.0.0.2')).toEqual({ kind: 'unknown' });
  });

  it('Succeeded and Failed pods keep status.podIP but never hold it (kiam#499)', () => {
    const index = new PodIndex();
    for (const phase of ['Succeeded', 'Failed', 'Unknown']) {
      const p = view({ name: `done-${phase}`, ip: '10.0.0.9', phase });
      index.upsert(p);
      expect(index.ownerOf('10.0.0.9').kind).toBe('unknown');
    }
  });

  it('a pod that completes releases its IP to the next pod, which gets its own identity', () => {
    const index = new PodIndex();
    const old = view({ name: 'job-1', ip: '10.0.0.3' });
    index.upsert(old);
    index.upsert({ ...old, phase: 'Succeeded' });
    const next = view({ name: 'job-2', ip: '10.0.0.3' });
    index.upsert(next);
    const owner = index.ownerOf('10.0.0.3');
    expect(owner.kind === 'pod' && owner.pod.uid).toBe(next.uid);
  });

  it('Pending pods hold their IP only while an init container runs', () => {
    const index = new PodIndex();
    index.upsert(view({ name: 'p', ip: '10.0.0.4', phase: 'Pending' }));
    expect(index.ownerOf('10.0.0.4').kind).toBe('unknown');
    index.upsert(view({ name: 'q', ip: '10.0.0.5', phase: 'Pending', initRunning: true }));
    expect(index.ownerOf('10.0.0.5').kind).toBe('pod');
  });

  it('host-network pods never hold the node address', () => {
    const index = new PodIndex();
    index.upsert(view({ name: 'h', ip: '192.168.1.10', hostNetwork: true, annotations: { 'iam.amazonaws.com/role': 'admin' } }));
    expect(index.ownerOf('192.168.1.10').kind).toBe('unknown');
  });

  it('an IP two live pods claim belongs to neither until one goes', () => {
    const index = new PodIndex();
    const a = view({ name: 'a', ip: '10.0.0.6' });
    const b = view({ name: 'b', ip: '10.0.0.6' });
    index.upsert(a);
    index.upsert(b);
    const owner = index.ownerOf('10.0.0.6');
    expect(owner.kind).toBe('duplicate');
    expect(owner.kind === 'duplicate' && owner.pods.map((p) => p.name).sort()).toEqual(['a', 'b']);
    index.remove(a.uid);
    expect(index.ownerOf('10.0.0.6')).toEqual({ kind: 'pod', pod: b });
  });

  it('an update that changes the IP moves the pod', () => {
    const index = new PodIndex();
    const a = view({ name: 'a', ip: '10.0.0.7' });
    index.upsert(a);
    index.upsert({ ...a, ips: ['10.0.0.8'] });
    expect(index.ownerOf('10.0.0.7').kind).toBe('unknown');
    expect(index.ownerOf('10.0.0.8').kind).toBe('pod');
  });

  it('waits for the watch to report a pod for an unknown IP, up to the timeout', async () => {
    const index = new PodIndex();
    const p = view({ name: 'late', ip: '10.0.0.11' });
    const waiting = index.waitForOwner('10.0.0.11', 2000);
    setTimeout(() => index.upsert(p), 20);
    expect(await waiting).toEqual({ kind: 'pod', pod: p });
    const started = performance.now();
    expect((await index.waitForOwner('10.0.0.12', 50)).kind).toBe('unknown');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('reads addresses as sockets report them', () => {
    expect(normaliseIp('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normaliseIp('FD00::1')).toBe('fd00::1');
    const dual = podView({ ...podObject({ name: 'd', ip: '10.0.0.20' }), status: { phase: 'Running', podIP: '10.0.0.20', podIPs: [{ ip: '10.0.0.20' }, { ip: 'FD00::20' }] } });
    expect(dual?.ips).toEqual(['10.0.0.20', 'fd00::20']);
  });
});
