// STS benchmarks (issue 3, "Figures"): AssumeRoleWithWebIdentity, AssumeRole and GetCallerIdentity
// against `podiam serve` in its own process (as composed: every call also writes its CloudTrail event),
// over keep-alive connections driven by autocannon, with throughput, p99 latency and the server's CPU
// time per request. The baseline, measured in the same run with the same load, is a bare node:http
// server answering a constant (target: 40% of its throughput); beside it, as a calibration, the same
// server spending 50 µs of CPU on each request. Then AssumeRoleWithWebIdentity calls made one after
// another against moto's server and against podiam (target: 20 times moto — while podiam verifies the
// token's signature, issuer, audience and the trust policy, which moto does not), with the bare server
// measured the same way beside them: no server answers faster than it on this machine.
// AssumeRoleWithWebIdentity is measured twice: with one token presented again and again (served by
// podiam's one-minute memory of verified tokens) and with a new token on every call (a signature
// verification each time).
// Both tables are measured in rounds: every contender once per round, in the same order, each ratio
// taken between figures of the same round and reported as the median over the rounds, so that the
// VM's drift during a run moves both sides of a ratio together.
import { spawn, type ChildProcess } from 'node:child_process';
import { KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateOpenIDConnectProviderCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { startLoopbackIssuer } from '../src/oidc/testing/loopback-issuer.ts';
import { testKey, type TestKey } from '../src/oidc/testing/signed-tokens.ts';
import { cpuSeconds, freePort, stop, waitFor } from './processes.ts';
import { inRounds, median, pairedRatios, percentOf, rate, report, timesOf } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const ACCOUNT = '123456789012';
/** Extra Node flags for the podiam process (e.g. BENCH_PODIAM_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'). */
const PODIAM_NODE_ARGS = (process.env['BENCH_PODIAM_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
const CONNECTIONS = 16;
/** Each figure is measured in every round, beside its baseline (see `inRounds`). */
const ROUNDS = 3;
const SECONDS = 3;
const SEQUENTIAL_SECONDS = 2;
const FRESH_TOKENS = 20_000;
/** Distinct tokens for the throughput rounds: more than 10 s of them at 4,000 calls/s (a repeated one would be remembered). */
const FRESH_LOAD_TOKENS = 48_000;
/** Unseen tokens per sequential round: more than any round presents (about 2,000 calls/s for 2 s). */
const SEQUENTIAL_BATCH = 5_000;

interface LoadResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p99: number; readonly average: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: ({ setupRequest: (req: Record<string, unknown>) => Record<string, unknown> } | { method: string; path: string; headers: Record<string, string>; body: string })[];
}) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** RS256 ID tokens of a service account, `count` distinct ones (node:crypto signs faster than WebCrypto). */
function tokens(key: TestKey, issuer: string, count: number, jtiPrefix = 'bench'): string[] {
  const privateKey = KeyObject.from(key.privateKey);
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: key.kid })).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const claims = { iss: issuer, sub: 'system:serviceaccount:default:svc-test', aud: 'sts.amazonaws.com', iat: now, exp: now + 3600, jti: `${jtiPrefix}-${i}` };
    const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  });
}

function webIdentityBody(token: string): string {
  return new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/pod-creator`,
    RoleSessionName: 'bench',
    WebIdentityToken: token,
  }).toString();
}

/** A signed STS Query request (SigV4 allows reusing it within the 15-minute skew window). */
async function signedQuery(port: number, keys: { accessKeyId: string; secretAccessKey: string }, params: Record<string, string>) {
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: keys, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  return { headers: signed.headers, body };
}

/**
 * Sequential POSTs for `seconds`, each sent when the previous answer arrived, through node:http's
 * client: for moto, whose server closes the connection after every answer (autocannon does not
 * reconnect then); calls per second.
 */
async function sequentialReconnecting(port: number, headers: Record<string, string>, body: string, seconds: number): Promise<number> {
  const one = () =>
    new Promise<number>((done, fail) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.on('error', fail);
      req.end(body);
    });
  for (let i = 0; i < 20; i++) await one();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    if ((await one()) !== 200) throw new Error(`port ${port} refused a sequential call`);
    calls += 1;
  }
  return (calls * 1000) / (performance.now() - start);
}

/** Runs the STS benchmarks and prints the figures. */
export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podiam-bench-sts-'));
  const children: ChildProcess[] = [];
  const issuer = await startLoopbackIssuer('/oidc/bench');
  try {
    const key = await testKey('RS256', 'bench');
    issuer.state.keys = [key.publicJwk];
    const [podiamPort, barePort, motoPort] = [await freePort(), await freePort(), await freePort()];
    const admin = { accessKeyId: 'AKIAPODIAMBENCH00001', secretAccessKey: 'bench-secret-access-key-0123456789abcdef' };
    const podiam = spawn(
      NODE,
      [...PODIAM_NODE_ARGS, join(ROOT, 'bin/podiam.ts'), 'serve', '--listen', `127.0.0.1:${podiamPort}`, '--data-dir', dataDir, '--account-id', ACCOUNT, '--log-level', 'warn'],
      { env: { ...process.env, PODIAM_ADMIN_ACCESS_KEY_ID: admin.accessKeyId, PODIAM_ADMIN_SECRET_ACCESS_KEY: admin.secretAccessKey }, stdio: 'ignore' },
    );
    children.push(podiam);
    const bare = spawn(
      NODE,
      ['-e', `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => s.end('<ok/>')); }).listen(${barePort}, '127.0.0.1')`],
      { stdio: 'ignore' },
    );
    children.push(bare);
    // Calibration: the same bare server spending 50 µs of CPU on each request before it answers — what
    // a server doing any work at all reaches against the bare one on this machine.
    const busyPort = await freePort();
    const busy = spawn(
      NODE,
      ['-e', `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { const t = process.hrtime.bigint(); while (process.hrtime.bigint() - t < 50000n); s.end('<ok/>'); }); }).listen(${busyPort}, '127.0.0.1')`],
      { stdio: 'ignore' },
    );
    children.push(busy);
    const moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(motoPort)], { stdio: 'ignore' });
    children.push(moto);
    await waitFor(`http://127.0.0.1:${podiamPort}/_podiam/health`, podiam, 'podiam serve');
    await waitFor(`http://127.0.0.1:${barePort}/`, bare, 'the bare server');
    await waitFor(`http://127.0.0.1:${busyPort}/`, busy, 'the calibration server');
    await waitFor(`http://127.0.0.1:${motoPort}/`, moto, "moto's server");

    // The seed's set-up through podiam's IAM: the issuer registered as an OIDC provider, a role trusting
    // it with the seed's conditions, and a node role an IAM user may assume (the root may not).
    const iam = new IAMClient({ endpoint: `http://127.0.0.1:${podiamPort}`, region: 'us-east-1', credentials: admin });
    const provider = (await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer.issuer, ClientIDList: ['sts.amazonaws.com'] }))).OpenIDConnectProviderArn;
    const webTrust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: provider },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${issuer.providerUrl}:aud`]: 'sts.amazonaws.com', [`${issuer.providerUrl}:sub`]: 'system:serviceaccount:default:svc-test' } },
        },
      ],
    };
    const rootTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
    await iam.send(new CreateRoleCommand({ RoleName: 'pod-creator', AssumeRolePolicyDocument: JSON.stringify(webTrust) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'node-role', AssumeRolePolicyDocument: JSON.stringify(rootTrust) }));
    await iam.send(new CreateUserCommand({ UserName: 'node' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'node', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    const nodeKey = (await iam.send(new CreateAccessKeyCommand({ UserName: 'node' }))).AccessKey;
    const node = { accessKeyId: nodeKey?.AccessKeyId ?? '', secretAccessKey: nodeKey?.SecretAccessKey ?? '' };

    const [token = ''] = tokens(key, issuer.issuer, 1);
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const webBody = webIdentityBody(token);
    const assumeRole = await signedQuery(podiamPort, node, { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${ACCOUNT}:role/node-role`, RoleSessionName: 'bench' });
    const callerIdentity = await signedQuery(podiamPort, node, { Action: 'GetCallerIdentity' });
    // Distinct tokens, each presented once: every call verifies a signature.
    const fresh = tokens(key, issuer.issuer, FRESH_LOAD_TOKENS).map(webIdentityBody);
    let nextFresh = 0;

    // Every request must succeed before it is measured.
    for (const [name, headers, body] of [
      ['AssumeRoleWithWebIdentity', formHeaders, webBody],
      ['AssumeRole', assumeRole.headers, assumeRole.body],
      ['GetCallerIdentity', callerIdentity.headers, callerIdentity.body],
    ] as const) {
      const res = await fetch(`http://127.0.0.1:${podiamPort}/`, { method: 'POST', headers, body });
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${await res.text()}`);
    }

    // Each load also reports the server's CPU time per request (all its threads, from /proc): on a
    // machine where the load generator takes one of the cores, throughput follows that figure.
    const cpuPerRequest = async (child: ChildProcess, run: () => Promise<LoadResult>): Promise<{ result: LoadResult; cpuUs: number }> => {
      const before = cpuSeconds(child.pid);
      const result = await run();
      return { result, cpuUs: ((cpuSeconds(child.pid) - before) * 1e6) / Math.max(1, result.requests.total) };
    };
    interface Loaded {
      readonly name: string;
      readonly child: ChildProcess;
      readonly port: number;
      readonly headers: Record<string, string>;
      /** A body sent on every request, or a new token's body on each (undefined). */
      readonly body: string | undefined;
      readonly calibration?: true;
    }
    const hit = (c: Loaded, duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${c.port}/`,
        connections: CONNECTIONS,
        duration,
        method: 'POST',
        headers: c.headers,
        ...(c.body !== undefined ? { body: c.body } : { requests: [{ setupRequest: (req) => ({ ...req, body: fresh[nextFresh++ % fresh.length] }) }] }),
      });
    const loaded: Loaded[] = [
      { name: 'bare node:http (constant)', child: bare, port: barePort, headers: formHeaders, body: webBody },
      { name: 'bare node:http + 50 µs CPU per request', child: busy, port: busyPort, headers: formHeaders, body: webBody, calibration: true },
      { name: 'AssumeRoleWithWebIdentity (same token)', child: podiam, port: podiamPort, headers: formHeaders, body: webBody },
      { name: 'AssumeRoleWithWebIdentity (new token)', child: podiam, port: podiamPort, headers: formHeaders, body: undefined },
      { name: 'AssumeRole', child: podiam, port: podiamPort, headers: assumeRole.headers, body: assumeRole.body },
      { name: 'GetCallerIdentity', child: podiam, port: podiamPort, headers: callerIdentity.headers, body: callerIdentity.body },
    ];
    for (const c of loaded) await hit(c, 1);
    const loads = await inRounds(ROUNDS, loaded.map((c) => () => cpuPerRequest(c.child, () => hit(c, SECONDS))));
    const bareRates = (loads[0] ?? []).map((l) => l.result.requests.average);
    const rows = loaded.map((c, i) => {
      const runs = loads[i] ?? [];
      const rates = runs.map((l) => l.result.requests.average);
      const failed = runs.reduce((n, l) => n + l.result.non2xx + l.result.errors, 0);
      const head =
        `${c.name.padEnd(40)} ${rate(median(rates)).padStart(8)} req/s  p99 ${median(runs.map((l) => l.result.latency.p99))} ms  ` +
        `CPU ${median(runs.map((l) => l.cpuUs)).toFixed(0)} µs/req`;
      if (i === 0) return head;
      const ratio = pairedRatios(rates, bareRates);
      return (
        `${head}  ${percentOf(ratio, 'bare')}` +
        (c.calibration === true ? ' (calibration)' : ` (target ≥ 40%) ${ratio.median >= 0.4 ? 'ok' : 'BELOW TARGET'}`) +
        (failed > 0 ? `  (${failed} non-2xx or failed)` : '') +
        (c.body === undefined && nextFresh > fresh.length ? `  (tokens repeated: ${nextFresh} calls, ${fresh.length} tokens)` : '')
      );
    });
    report(`STS throughput, ${CONNECTIONS} keep-alive connections, ${ROUNDS} rounds of ${SECONDS} s each (autocannon; medians, ratios taken round by round)`, rows);

    // Sequential calls: one keep-alive connection, the next request sent when the answer arrived
    // (autocannon with one connection: the client costs as little as a client can; moto closes its
    // connection after each answer, so it is driven by node:http's client, reconnecting). The bare server is
    // measured the same way: it is the ceiling any server reaches on this machine with this client.
    const motoBody = webBody.replace(encodeURIComponent(`arn:aws:iam::${ACCOUNT}:role/pod-creator`), encodeURIComponent('arn:aws:iam::123456789012:role/moto-role'));
    // New tokens here are tokens never presented before (not those of the throughput runs, which
    // podiam remembers for a minute), a new batch each round, in requests autocannon builds before it
    // starts, so that building them does not add to each call's time.
    const oneAtATime = async (port: number, bodies: string | readonly string[], seconds: number): Promise<LoadResult> =>
      autocannon({
        url: `http://127.0.0.1:${port}/`,
        connections: 1,
        method: 'POST',
        headers: formHeaders,
        duration: seconds,
        ...(typeof bodies === 'string' ? { body: bodies } : { requests: bodies.map((body) => ({ method: 'POST', path: '/', headers: formHeaders, body })) }),
      });
    const unseen = tokens(key, issuer.issuer, FRESH_TOKENS, 'sequential').map(webIdentityBody);
    const batch = (i: number) => unseen.slice(i * SEQUENTIAL_BATCH, (i + 1) * SEQUENTIAL_BATCH);
    let batches = 0;
    const sequentialRate = (r: LoadResult) => {
      if (r.non2xx + r.errors > 0) throw new Error(`a sequential call failed (${r.non2xx} non-2xx, ${r.errors} errors)`);
      return r.requests.average;
    };
    const sequential: { name: string; target: boolean; once: () => Promise<number>; warm: () => Promise<unknown> }[] = [
      { name: 'moto server (verifies nothing)', target: false, once: () => sequentialReconnecting(motoPort, formHeaders, motoBody, SEQUENTIAL_SECONDS), warm: () => sequentialReconnecting(motoPort, formHeaders, motoBody, 1) },
      { name: 'bare node:http (constant; the ceiling)', target: false, once: async () => sequentialRate(await oneAtATime(barePort, webBody, SEQUENTIAL_SECONDS)), warm: () => oneAtATime(barePort, webBody, 1) },
      { name: 'bare + 50 µs CPU (calibration)', target: false, once: async () => sequentialRate(await oneAtATime(busyPort, webBody, SEQUENTIAL_SECONDS)), warm: () => oneAtATime(busyPort, webBody, 1) },
      { name: 'podiam serve (same token)', target: true, once: async () => sequentialRate(await oneAtATime(podiamPort, webBody, SEQUENTIAL_SECONDS)), warm: () => oneAtATime(podiamPort, webBody, 1) },
      { name: 'podiam serve (new token)', target: true, once: async () => sequentialRate(await oneAtATime(podiamPort, batch(++batches), SEQUENTIAL_SECONDS)), warm: () => oneAtATime(podiamPort, batch(0), 1) },
    ];
    for (const c of sequential) await c.warm();
    const calls = await inRounds(ROUNDS, sequential.map((c) => c.once));
    const motoRates = calls[0] ?? [];
    report(`AssumeRoleWithWebIdentity, sequential calls over one keep-alive connection (autocannon, 1 connection), ${ROUNDS} rounds of ${SEQUENTIAL_SECONDS} s (medians; ratios taken round by round)`, [
      ...sequential.map((c, i) => {
        const rates = calls[i] ?? [];
        const head = `${c.name.padEnd(40)} ${rate(median(rates)).padStart(8)} calls/s`;
        if (i === 0) return head;
        const ratio = pairedRatios(rates, motoRates);
        return `${head}  ${timesOf(ratio, 'moto')}` + (c.target ? ` (target ≥ 20×) ${ratio.median >= 20 ? 'ok' : 'BELOW TARGET'}` : '');
      }),
    ]);
  } finally {
    await Promise.all(children.map(stop));
    await issuer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
