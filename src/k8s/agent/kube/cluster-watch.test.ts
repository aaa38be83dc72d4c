import { KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer, type KubeObject } from '../../testing/index.ts';
import { podObject } from '../testing/pod-objects.ts';
import { ClusterWatch } from './cluster-watch.ts';

const servers: FakeApiServer[] = [];
const watches: ClusterWatch[] = [];
afterEach(async () => {
  for (const w of watches.splice(0)) await w.stop();
  for (const s of servers.splice(0)) await s.close();
});

async function setup(nodeName: string | undefined) {
  const api = await startFakeApiServer();
  servers.push(api);
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigFor(api.url));
  const pods = new Map<string, V1Pod>();
  const events: string[] = [];
  const watch = new ClusterWatch({
    kubeConfig: kc,
    nodeName,
    log: pino({ level: 'silent' }),
    handlers: {
      pod: (type, pod) => {
        events.push(`${type}:${pod.metadata?.name ?? ''}`);
        if (type === 'upsert') pods.set(pod.metadata?.uid ?? '', pod);
        else pods.delete(pod.metadata?.uid ?? '');
      },
      namespace: (type, ns) => events.push(`ns-${type}:${ns.metadata?.name ?? ''}`),
      serviceAccount: (type, sa) => events.push(`sa-${type}:${sa.metadata?.name ?? ''}`),
    },
  });
  watches.push(watch);
  return { api, watch, pods, events };
}

const names = (pods: Map<string, V1Pod>) => [...pods.values()].map((p) => p.metadata?.name).sort();
async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('watching the cluster with @kubernetes/client-node informers (list, then watch from its resourceVersion)', () => {
  it('--node lists and watches only this node\'s pods (fieldSelector spec.nodeName)', async () => {
    const { api, watch, pods } = await setup('node-a');
    api.create('pods', podObject({ name: 'here', node: 'node-a' }) as KubeObject);
    api.create('pods', podObject({ name: 'there', node: 'node-b' }) as KubeObject);
    watch.start();
    expect(watch.ready).toBe(false);
    await watch.whenReady();
    expect(names(pods)).toEqual(['here']);
    api.create('pods', podObject({ name: 'here-2', node: 'node-a' }) as KubeObject);
    api.create('pods', podObject({ name: 'there-2', node: 'node-b' }) as KubeObject);
    await until(() => pods.size === 2);
    expect(names(pods)).toEqual(['here', 'here-2']);
    const podRequests = api.requests.filter((r) => r.path === '/api/v1/pods');
    expect(podRequests.length).toBeGreaterThanOrEqual(2);
    expect(podRequests.every((r) => r.query['fieldSelector'] === 'spec.nodeName=node-a')).toBe(true);
  });

  it('is ready only when pods, namespaces and service accounts have each been listed', async () => {
    const { api, watch, events } = await setup('node-a');
    api.create('serviceaccounts', { metadata: { name: 'app', namespace: 'default' } });
    watch.start();
    await watch.whenReady();
    expect(events).toContain('ns-upsert:default');
    expect(events).toContain('sa-upsert:app');
  });

  it('a pod deleted while the watch was down and history compacted (410 Gone) is removed on relist', async () => {
    const { api, watch, pods } = await setup('node-a');
    api.create('pods', podObject({ name: 'stays', node: 'node-a' }) as KubeObject);
    api.create('pods', podObject({ name: 'goes', node: 'node-a' }) as KubeObject);
    watch.start();
    await watch.whenReady();
    expect(names(pods)).toEqual(['goes', 'stays']);
    api.closeWatches();
    api.delete('pods', 'default', 'goes');
    api.patch('pods', 'default', 'stays', { status: { phase: 'Running', podIP: '10.0.0.9' } });
    api.compact();
    await until(() => pods.size === 1 && [...pods.values()][0]?.status?.podIP === '10.0.0.9');
    expect(names(pods)).toEqual(['stays']);
  });

  it('is not ready while the API server refuses it, and keeps retrying', async () => {
    const api = await startFakeApiServer({ token: 'the-right-token' });
    servers.push(api);
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigFor(api.url, { token: 'a-wrong-token' }));
    const noop = () => undefined;
    const watch = new ClusterWatch({ kubeConfig: kc, nodeName: 'node-a', log: pino({ level: 'silent' }), handlers: { pod: noop, namespace: noop, serviceAccount: noop } });
    watches.push(watch);
    watch.start();
    await until(() => api.requests.filter((r) => r.path === '/api/v1/pods').length >= 2, 5000);
    expect(watch.ready).toBe(false);
  });
});
