import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.ts';

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options?: Parameters<typeof startApiServer>[0]): Promise<ApiServer> {
  server = await startApiServer(options);
  return server;
}

function pod(name: string, extra: Record<string, unknown> = {}): { metadata: Record<string, unknown>; [k: string]: unknown } {
  return { metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox' }] }, ...extra };
}

/** Reads a watch stream until `count` events arrived (or the stream ends). */
async function readEvents(url: string, count: number): Promise<{ type: string; object: Record<string, any> }[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.status).toBe(200);
  const events: { type: string; object: Record<string, any> }[] = [];
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  let buffered = '';
  const decoder = new TextDecoder();
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      events.push(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  }
  controller.abort();
  return events;
}

describe('Kubernetes API concepts: resourceVersion and list', () => {
  it('gives every change a larger resourceVersion, shared across resources', async () => {
    const s = await start();
    const a = s.create('pods', pod('a'));
    const sa = s.create('serviceaccounts', { metadata: { name: 'app', namespace: 'default' } });
    const b = s.replace('pods', { ...a, spec: { containers: [] } });
    const rvs = [a, sa, b].map((o) => Number(o.metadata.resourceVersion));
    expect(rvs[0]).toBeLessThan(rvs[1] ?? 0);
    expect(rvs[1]).toBeLessThan(rvs[2] ?? 0);
    expect(s.resourceVersion).toBe(b.metadata.resourceVersion);
  });

  it('lists with the List kind, the current resourceVersion, and items without apiVersion/kind', async () => {
    const s = await start();
    s.create('pods', pod('b'));
    s.create('pods', pod('a'));
    s.create('pods', { ...pod('c'), metadata: { name: 'c', namespace: 'other' } });
    const list = (await (await fetch(`${s.url}/api/v1/namespaces/default/pods`)).json()) as any;
    expect(list.kind).toBe('PodList');
    expect(list.apiVersion).toBe('v1');
    expect(list.metadata.resourceVersion).toBe(s.resourceVersion);
    expect(list.items.map((p: any) => p.metadata.name)).toEqual(['a', 'b']);
    expect(list.items[0].kind).toBeUndefined();
    const all = (await (await fetch(`${s.url}/api/v1/pods`)).json()) as any;
    expect(all.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['default/a', 'default/b', 'other/c']);
  });

  it('filters by labelSelector and by the spec.nodeName field selector', async () => {
    const s = await start();
    s.create('pods', { ...pod('on-n1', { spec: { nodeName: 'n1', containers: [] } }), metadata: { name: 'on-n1', namespace: 'default', labels: { app: 'x', tier: 'web' } } });
    s.create('pods', { ...pod('on-n2', { spec: { nodeName: 'n2', containers: [] } }), metadata: { name: 'on-n2', namespace: 'default', labels: { app: 'y' } } });
    s.create('pods', pod('unscheduled'));
    const names = async (query: string): Promise<string[]> =>
      ((await (await fetch(`${s.url}/api/v1/pods?${query}`)).json()) as any).items.map((p: any) => p.metadata.name);
    expect(await names('fieldSelector=spec.nodeName%3Dn1')).toEqual(['on-n1']);
    expect(await names('fieldSelector=spec.nodeName%3D')).toEqual(['unscheduled']);
    expect(await names('labelSelector=app%20in%20(x,y),tier!%3Dweb')).toEqual(['on-n2']);
    expect(await names('labelSelector=!app')).toEqual(['unscheduled']);
    const bad = await fetch(`${s.url}/api/v1/pods?fieldSelector=spec.bogus%3D1`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).message).toBe('field label not supported: spec.bogus');
  });
});

describe('Kubernetes API: discovery and OpenAPI over HTTP, and the served subresources', () => {
  it('answers /version, /api, /apis, /api/v1 and /openapi/v3 with JSON, and 404 for a subresource a kind does not have', async () => {
    const s = await start();
    for (const path of ['/version', '/api', '/apis', '/api/v1', '/openapi/v3', '/openapi/v3/api/v1']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('application/json');
    }
    expect(await (await fetch(`${s.url}/api`)).json()).toMatchObject({ serverAddressByClientCIDRs: [{ serverAddress: s.url.slice('http://'.length) }] });
    s.create('configmaps', { metadata: { name: 'c', namespace: 'default' }, data: { a: 'b' } });
    expect((await fetch(`${s.url}/api/v1/namespaces/default/configmaps/c`)).status).toBe(200);
    const sub = await fetch(`${s.url}/api/v1/namespaces/default/configmaps/c/status`);
    expect(sub.status).toBe(404);
    expect(await sub.json()).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });

  it('listens on 127.0.0.1 only', async () => {
    const s = await start();
    expect(new URL(s.url).hostname).toBe('127.0.0.1');
    const port = new URL(s.url).port;
    // Linux routes all of 127.0.0.0/8 to lo: a server bound to every address would answer on 127.0.0.2.
    await expect(fetch(`http://127.0.0.2:${port}/version`)).rejects.toThrow();
  });
});

describe('Kubernetes API concepts: CRUD over REST', () => {
  it('creates (201), reads, conflicts on a stale resourceVersion (409) and deletes', async () => {
    const s = await start();
    const created = await fetch(`${s.url}/api/v1/namespaces/team/serviceaccounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app' } }),
    });
    expect(created.status).toBe(201);
    const sa = (await created.json()) as any;
    expect(sa.metadata.namespace).toBe('team');
    expect(sa.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.get('namespaces', undefined, 'team')).toBeDefined();

    const again = await fetch(`${s.url}/api/v1/namespaces/team/serviceaccounts`, { method: 'POST', body: JSON.stringify({ metadata: { name: 'app' } }) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).reason).toBe('AlreadyExists');

    const stale = { ...sa, metadata: { ...sa.metadata, resourceVersion: '1' } };
    const conflict = await fetch(`${s.url}/api/v1/namespaces/team/serviceaccounts/app`, { method: 'PUT', body: JSON.stringify(stale) });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as any).reason).toBe('Conflict');

    const patched = await fetch(`${s.url}/api/v1/namespaces/team/serviceaccounts/app`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/r' } } }),
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as any).metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::111122223333:role/r');

    const jsonPatched = await fetch(`${s.url}/api/v1/namespaces/team/serviceaccounts/app`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'remove', path: '/metadata/annotations/eks.amazonaws.com~1role-arn' }]),
    });
    expect(((await jsonPatched.json()) as any).metadata.annotations).toEqual({});

    expect((await fetch(`${s.url}/api/v1/namespaces/team/serviceaccounts/app`, { method: 'DELETE' })).status).toBe(200);
    const missing = await fetch(`${s.url}/api/v1/namespaces/team/serviceaccounts/app`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'serviceaccounts "app" not found',
      reason: 'NotFound',
      details: { name: 'app', kind: 'serviceaccounts' },
      code: 404,
    });
  });

  it('keeps status out of a main-resource update and spec out of a /status update', async () => {
    const s = await start();
    const p = s.create('pods', pod('p', { status: { phase: 'Pending' } }));
    const statusUpdate = await fetch(`${s.url}/api/v1/namespaces/default/pods/p/status`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { nodeName: 'sneaky' }, status: { phase: 'Running', podIP: '10.0.0.7' } }),
    });
    const after = (await statusUpdate.json()) as any;
    expect(after.status).toEqual({ phase: 'Running', podIP: '10.0.0.7' });
    expect(after.spec.nodeName).toBeUndefined();
    const { resourceVersion: _rv, ...meta } = p.metadata;
    const put = await fetch(`${s.url}/api/v1/namespaces/default/pods/p`, { method: 'PUT', body: JSON.stringify({ ...p, metadata: meta, status: { phase: 'Failed' } }) });
    expect(((await put.json()) as any).status.phase).toBe('Running');
  });

  it('refuses objects in a missing namespace when namespaces are not created on demand', async () => {
    const s = await start({ autoCreateNamespaces: false });
    const res = await fetch(`${s.url}/api/v1/namespaces/nowhere/pods`, { method: 'POST', body: JSON.stringify({ metadata: { name: 'p' } }) });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).message).toBe('namespaces "nowhere" not found');
  });

  it('requires the bearer token when one is configured', async () => {
    const s = await start({ token: 's3cret' });
    expect((await fetch(`${s.url}/api/v1/pods`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/v1/pods`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
  });
});

describe('Kubernetes API concepts: efficient detection of changes (watch)', () => {
  it('starts a watch without resourceVersion with the current objects as ADDED, then streams changes', async () => {
    const s = await start();
    s.create('pods', pod('existing'));
    const events = readEvents(`${s.url}/api/v1/namespaces/default/pods?watch=true`, 4);
    await new Promise((r) => setTimeout(r, 50));
    const p = s.create('pods', pod('new'));
    s.patch('pods', 'default', 'new', { metadata: { labels: { x: '1' } } });
    s.delete('pods', 'default', p.metadata.name ?? '');
    const got = await events;
    expect(got.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:existing', 'ADDED:new', 'MODIFIED:new', 'DELETED:new']);
    expect(got[0]?.object.kind).toBe('Pod');
    const rvs = got.slice(1).map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
  });

  it('replays the changes after a given resourceVersion', async () => {
    const s = await start();
    const first = s.create('pods', pod('one'));
    s.create('pods', pod('two'));
    s.delete('pods', 'default', 'one');
    const got = await readEvents(`${s.url}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${first.metadata.resourceVersion}`, 2);
    expect(got.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:two', 'DELETED:one']);
  });

  it('answers a resourceVersion older than the compacted history with an ERROR event carrying 410 Expired', async () => {
    const s = await start();
    const old = s.create('pods', pod('one'));
    s.create('pods', pod('two'));
    s.compact();
    const got = await readEvents(`${s.url}/api/v1/pods?watch=true&resourceVersion=${Number(old.metadata.resourceVersion) - 1}`, 5);
    expect(got).toHaveLength(1);
    expect(got[0]?.type).toBe('ERROR');
    expect(got[0]?.object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(got[0]?.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('sends DELETED when an object stops matching the selector and ADDED when it starts', async () => {
    const s = await start();
    s.create('pods', pod('p'));
    const events = readEvents(`${s.url}/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Dnode-a`, 2);
    await new Promise((r) => setTimeout(r, 50));
    s.patch('pods', 'default', 'p', { spec: { nodeName: 'node-a' } });
    s.patch('pods', 'default', 'p', { spec: { nodeName: 'node-b' } });
    const got = await events;
    expect(got.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    expect(got[1]?.object.spec.nodeName).toBe('node-a');
  });

  it('sends BOOKMARK events carrying only the resourceVersion to watches that allow them', async () => {
    const s = await start();
    s.create('pods', pod('p'));
    const events = readEvents(`${s.url}/api/v1/pods?watch=true&allowWatchBookmarks=true`, 2);
    await new Promise((r) => setTimeout(r, 50));
    s.sendBookmarks();
    const got = await events;
    expect(got[1]).toEqual({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: s.resourceVersion } } });
  });

  it('holds live events back while told to (a lagging watch), GET still sees the new state', async () => {
    const s = await start();
    const events = readEvents(`${s.url}/api/v1/serviceaccounts?watch=true&resourceVersion=${s.resourceVersion}`, 1);
    await new Promise((r) => setTimeout(r, 50));
    const release = s.holdWatchEvents();
    s.create('serviceaccounts', { metadata: { name: 'late', namespace: 'default' } });
    expect((await fetch(`${s.url}/api/v1/namespaces/default/serviceaccounts/late`)).status).toBe(200);
    let arrived = false;
    void events.then(() => {
      arrived = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(arrived).toBe(false);
    release();
    expect((await events).map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:late']);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const s = await start();
    const started = Date.now();
    const got = await readEvents(`${s.url}/api/v1/serviceaccounts?watch=true&timeoutSeconds=1`, 1);
    expect(got).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('Kubernetes API concepts: a client-node informer against the server', () => {
  it('lists, watches, relists after 410 Gone, and reads with CoreV1Api', async () => {
    const s = await start();
    const kc = new KubeConfig();
    kc.loadFromString(s.kubeconfig());
    const api = kc.makeApiClient(CoreV1Api);
    s.create('pods', pod('before'));
    const informer = makeInformer<V1Pod>(kc, '/api/v1/pods', () => api.listPodForAllNamespaces());
    const seen: string[] = [];
    informer.on('add', (p) => seen.push(`add:${p.metadata?.name}`));
    informer.on('delete', (p) => seen.push(`delete:${p.metadata?.name}`));
    await informer.start();
    try {
      await expect.poll(() => seen).toContain('add:before');
      s.create('pods', pod('after'));
      await expect.poll(() => informer.get('after', 'default')?.metadata?.name).toBe('after');

      // Drop the watch and the history: the informer reconnects, gets 410, relists and sees the delete.
      s.delete('pods', 'default', 'before');
      s.compact();
      s.closeWatches();
      s.create('pods', pod('later'));
      await expect.poll(() => informer.get('later', 'default')?.metadata?.name, { timeout: 8000 }).toBe('later');
      expect(informer.get('before', 'default')).toBeUndefined();

      const read = await api.readNamespacedPod({ name: 'after', namespace: 'default' });
      expect(read.metadata?.name).toBe('after');
      await expect(api.readNamespacedPod({ name: 'nope', namespace: 'default' })).rejects.toMatchObject({ code: 404 });
    } finally {
      await informer.stop();
    }
  });
});
