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
import { rate, report } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const ACCOUNT = '123456789012';
/** Extra Node flags for the podiam process (e.g. BENCH_PODIAM_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'). */
const PODIAM_NODE_ARGS = (process.env['BENCH_PODIAM_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
const CONNECTIONS = 16;
const SECONDS = 5;
const SEQUENTIAL_SECONDS = 3;
const FRESH_TOKENS = 20_000;

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
    const fresh = tokens(key, issuer.issuer, FRESH_TOKENS).map(webIdentityBody);
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
    const load = async (child: ChildProcess, port: number, headers: Record<string, string>, body: string) => {
      await autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, duration: 1, method: 'POST', headers, body });
      return cpuPerRequest(child, () => autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, duration: SECONDS, method: 'POST', headers, body }));
    };
    const baseline = await load(bare, barePort, formHeaders, webBody);
    const rows = [
      `${'bare node:http (constant)'.padEnd(40)} ${rate(baseline.result.requests.average).padStart(8)} req/s  p99 ${baseline.result.latency.p99} ms  CPU ${baseline.cpuUs.toFixed(0)} µs/req`,
    ];
    const figures: { name: string; result: LoadResult; cpuUs: number; calibration?: true }[] = [];
    figures.push({ name: 'bare node:http + 50 µs CPU per request', ...(await load(busy, busyPort, formHeaders, webBody)), calibration: true });
    figures.push({ name: 'AssumeRoleWithWebIdentity (same token)', ...(await load(podiam, podiamPort, formHeaders, webBody)) });
    figures.push({
      name: 'AssumeRoleWithWebIdentity (new token)',
      ...(await cpuPerRequest(podiam, () =>
        autocannon({
          url: `http://127.0.0.1:${podiamPort}/`,
          connections: CONNECTIONS,
          duration: SECONDS,
          method: 'POST',
          headers: formHeaders,
          requests: [{ setupRequest: (req) => ({ ...req, body: fresh[nextFresh++ % fresh.length] }) }],
        }),
      )),
    });
    figures.push(
      { name: 'AssumeRole', ...(await load(podiam, podiamPort, assumeRole.headers, assumeRole.body)) },
      { name: 'GetCallerIdentity', ...(await load(podiam, podiamPort, callerIdentity.headers, callerIdentity.body)) },
    );
    for (const { name, result, cpuUs, calibration } of figures) {
      const ratio = result.requests.average / baseline.result.requests.average;
      rows.push(
        `${name.padEnd(40)} ${rate(result.requests.average).padStart(8)} req/s  p99 ${result.latency.p99} ms  CPU ${cpuUs.toFixed(0)} µs/req  ` +
          `${(ratio * 100).toFixed(0)}% of bare` +
          (calibration === true ? ' (calibration)' : ` (target ≥ 40%) ${ratio >= 0.4 ? 'ok' : 'BELOW TARGET'}`) +
          (result.non2xx + result.errors > 0 ? `  (${result.non2xx} non-2xx, ${result.errors} errors)` : ''),
      );
    }
    report(`STS throughput, ${CONNECTIONS} keep-alive connections, ${SECONDS} s each (autocannon)`, rows);

    // Sequential calls: one keep-alive connection, the next request sent when the answer arrived
    // (autocannon with one connection: the client costs as little as a client can; moto closes its
    // connection after each answer, so it is driven by node:http's client, reconnecting). The bare server is
    // measured the same way: it is the ceiling any server reaches on this machine with this client.
    const motoBody = webBody.replace(encodeURIComponent(`arn:aws:iam::${ACCOUNT}:role/pod-creator`), encodeURIComponent('arn:aws:iam::123456789012:role/moto-role'));
    // New tokens here are tokens never presented before (not those of the throughput runs, which
    // podiam remembers for a minute), in requests autocannon builds before it starts, so that
    // building them does not add to each call's time.
    const oneAtATime = async (port: number, warm: string | readonly string[], measured: string | readonly string[]): Promise<LoadResult> => {
      const options = { url: `http://127.0.0.1:${port}/`, connections: 1, method: 'POST', headers: formHeaders };
      const bodies = (b: string | readonly string[]) => (typeof b === 'string' ? { body: b } : { requests: b.map((body) => ({ method: 'POST', path: '/', headers: formHeaders, body })) });
      await autocannon({ ...options, ...bodies(warm), duration: 1 });
      return autocannon({ ...options, ...bodies(measured), duration: SEQUENTIAL_SECONDS });
    };
    const unseen = tokens(key, issuer.issuer, FRESH_TOKENS, 'sequential').map(webIdentityBody);
    const bareRate = await oneAtATime(barePort, webBody, webBody);
    const busyRate = await oneAtATime(busyPort, webBody, webBody);
    const sameRate = await oneAtATime(podiamPort, webBody, webBody);
    const freshRate = await oneAtATime(podiamPort, unseen.slice(0, 5000), unseen.slice(5000));
    const motoCalls = await sequentialReconnecting(motoPort, formHeaders, motoBody, SEQUENTIAL_SECONDS);
    const line = (name: string, r: LoadResult, target: boolean) =>
      `${name.padEnd(40)} ${rate(r.requests.average).padStart(8)} calls/s  ${(r.requests.average / motoCalls).toFixed(1)}× moto` +
      (target ? ` (target ≥ 20×) ${r.requests.average / motoCalls >= 20 ? 'ok' : 'BELOW TARGET'}` : '') +
      (r.non2xx + r.errors > 0 ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : '');
    report('AssumeRoleWithWebIdentity, sequential calls over one keep-alive connection (autocannon, 1 connection)', [
      `${"moto server (verifies nothing)".padEnd(40)} ${rate(motoCalls).padStart(8)} calls/s`,
      line('bare node:http (constant; the ceiling)', bareRate, false),
      line('bare + 50 µs CPU (calibration)', busyRate, false),
      line('podiam serve (same token)', sameRate, true),
      line('podiam serve (new token)', freshRate, true),
    ]);
  } finally {
    await Promise.all(children.map(stop));
    await issuer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
