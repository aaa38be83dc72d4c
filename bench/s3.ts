// S3 benchmarks (issue 5, "Figures"), against `podiam serve` in its own process as composed (every
// request SigV4-verified with a role session's credentials, authorized by the policy engine with the
// role's policies and the bucket's, and recorded for CloudTrail):
// - GetObject and PutObject of a 1 KiB object, driven by autocannon over keep-alive connections,
//   against a bare node:http server returning (or taking) the same bytes (target: 40% of its rate);
// - a 1 GiB object streamed in (PUT) and out (GET to a file) against copying the same file with
//   `cat` (target: 50% of cat's rate), with the server's peak RSS before and after;
// - the same small GetObject against moto's S3 server, one after another and 16 at a time (target:
//   20 times moto's rate): moto through node:http's client (it closes its connection after each
//   answer), podiam and the bare server (the ceiling) through autocannon's keep-alive connections.
// Each 1 GiB step starts after sync(1), so that none pays for the previous step's dirty pages. The
// 1 GiB figure is taken with curl as the client (what a shell user streams big files with, and a
// client whose own cost is close to cat's); node:http's stream client is reported beside it, because
// its own copying, not the server's, is then most of the time.
// The small-object figures are taken twice: as composed, and with the audit recorder off (the same
// server, `recorder` replaced by a no-op), which isolates what the S3 door itself costs from the
// writing of one CloudTrail event per call.
// The small-object figures and the moto comparison are measured in rounds: every contender once per
// round, in the same order, each ratio taken between figures of the same round and reported as the
// median over the rounds, so that the VM's drift during a run moves both sides of a ratio together.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Sha256 } from '@aws-crypto/sha256-js';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { freePort, stop, waitFor } from './processes.ts';
import { inRounds, median, pairedRatios, percentOf, rate, report, timesOf } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const ACCOUNT = '123456789012';
/** Extra Node flags for the podiam process (e.g. BENCH_PODIAM_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'). */
const PODIAM_NODE_ARGS = (process.env['BENCH_PODIAM_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
const CONNECTIONS = 16;
/** Each small-object figure is measured in every round, beside its baseline (see `inRounds`). */
const ROUNDS = 3;
const SECONDS = 3;
const SEQUENTIAL_SECONDS = 2;
const SMALL = 1024;
const BIG = 1024 ** 3;

interface LoadResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p99: number; readonly average: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; method?: string; headers?: Record<string, string>; body?: Buffer | string }) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** SigV4 headers for an S3 request (valid for the 15-minute skew window, so reusable). */
async function signed(port: number, keys: Keys, method: string, path: string, payloadHash: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: keys, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const out = await signer.sign({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    headers: { host: `127.0.0.1:${port}`, 'x-amz-content-sha256': payloadHash, ...extra },
  });
  return out.headers;
}

/** The peak and current resident set of a process, in MiB (Linux /proc). */
function memoryOf(pid: number | undefined): { peak: number; current: number } {
  if (pid === undefined) return { peak: 0, current: 0 };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { peak: kib('VmHWM') / 1024, current: kib('VmRSS') / 1024 };
}

/** GETs from `connections` keep-alive connections, each waiting for its answer, for `seconds`; calls per second. */
async function nodeClient(port: number, path: string, headers: Record<string, string>, connections: number, seconds: number): Promise<{ rate: number; failures: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const one = () =>
    new Promise<number>((done, fail) => {
      const req = request({ host: '127.0.0.1', port, method: 'GET', path, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.on('error', fail);
      req.end();
    });
  for (let i = 0; i < 20; i++) await one();
  let calls = 0;
  let failures = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        if ((await one()) !== 200) failures += 1;
        calls += 1;
      }
    }),
  );
  agent.destroy();
  return { rate: (calls * 1000) / (performance.now() - start), failures };
}

/** curl with the signed headers: `-T file` for a PUT, `-o file` for a GET; seconds taken. */
async function curlSeconds(port: number, path: string, headers: Record<string, string>, transfer: ['-T' | '-o', string]): Promise<number> {
  const args = ['-sS', '-w', '%{http_code}', ...(transfer[0] === '-T' ? ['-o', '/dev/null'] : []), ...transfer];
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'host') args.push('-H', `${name}: ${value}`);
  args.push(`http://127.0.0.1:${port}${path}`);
  const start = performance.now();
  const child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0 || out.trim() !== '200') throw new Error(`curl ${transfer[0] === '-T' ? 'PUT' : 'GET'} of the big object: exit ${code}, HTTP ${out.trim()}`);
  return (performance.now() - start) / 1000;
}

/** Streams a file into a PUT; seconds taken. */
async function putFile(port: number, path: string, file: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const status = await new Promise<number>((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method: 'PUT', path, headers: { ...headers, 'content-length': statSync(file).size } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', fail);
    createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
  if (status !== 200) throw new Error(`PUT of the big object answered ${status}`);
  return (performance.now() - start) / 1000;
}

/** Streams a GET into a file; seconds taken. */
async function getFile(port: number, path: string, file: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  await new Promise<void>((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method: 'GET', path, headers }, (res) => {
      if (res.statusCode !== 200) fail(new Error(`GET of the big object answered ${res.statusCode}`));
      pipeline(res, createWriteStream(file, { highWaterMark: 1 << 20 })).then(done, fail);
    });
    req.on('error', fail);
    req.end();
  });
  return (performance.now() - start) / 1000;
}

/** Writes back every dirty page (sync(1)), so that the next step starts from a clean page cache. */
function settle(): void {
  spawnSync('sync');
}

function catSeconds(from: string, to: string): number {
  const start = performance.now();
  const r = spawnSync('sh', ['-c', `cat "${from}" > "${to}"`]);
  if (r.status !== 0) throw new Error(`cat failed: ${r.stderr.toString()}`);
  return (performance.now() - start) / 1000;
}

const ADMIN = { accessKeyId: 'AKIAPODIAMBENCH00002', secretAccessKey: 'bench-secret-access-key-0123456789abcdef' };

/** `podiam serve` as composed, in its own process. */
function composedServer(port: number, dataDir: string): ChildProcess {
  return spawn(
    NODE,
    [...PODIAM_NODE_ARGS, join(ROOT, 'bin/podiam.ts'), 'serve', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--account-id', ACCOUNT, '--log-level', 'warn'],
    { env: { ...process.env, PODIAM_ADMIN_ACCESS_KEY_ID: ADMIN.accessKeyId, PODIAM_ADMIN_SECRET_ACCESS_KEY: ADMIN.secretAccessKey }, stdio: 'ignore' },
  );
}

/** The same server with its audit recorder replaced by a no-op, in its own process. */
function unauditedServer(port: number, dataDir: string): ChildProcess {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, path)).href);
  const script = `
    import { pino } from 'pino';
    import { composeServer } from ${url('src/cli/compose.ts')};
    import { parseServeConfig, startServer } from ${url('src/server/index.ts')};
    const config = parseServeConfig({ listen: '127.0.0.1:${port}', dataDir: ${JSON.stringify(dataDir)}, accountId: '${ACCOUNT}', logLevel: 'warn',
      adminAccessKeyId: '${ADMIN.accessKeyId}', adminSecretAccessKey: '${ADMIN.secretAccessKey}' });
    if (!config.ok) throw new Error(config.messages.join('; '));
    const server = await startServer(config.config, { ...composeServer(), recorder: () => ({ record: () => undefined, flush: async () => undefined }) }, pino({ level: 'warn' }));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  `;
  return spawn(NODE, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'ignore' });
}

/** A role session (seed 001's pod) allowed s3:GetObject and s3:PutObject on bench/*, and the bucket. */
async function setUp(port: number): Promise<Keys> {
  const endpoint = `http://127.0.0.1:${port}`;
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: ADMIN });
  const rootTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
  await iam.send(new CreateRoleCommand({ RoleName: 's3-object-rw', AssumeRolePolicyDocument: JSON.stringify(rootTrust) }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 's3-object-rw',
      PolicyName: 'objects',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bench/*' }] }),
    }),
  );
  await iam.send(new CreateUserCommand({ UserName: 'operator' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'operator', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'operator' }))).AccessKey;
  const assumed = await new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' } }).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/s3-object-rw`, RoleSessionName: 'bench', DurationSeconds: 3600 }),
  );
  const created = await fetch(`${endpoint}/bench`, { method: 'PUT', headers: await signed(port, ADMIN, 'PUT', '/bench', 'UNSIGNED-PAYLOAD') });
  if (created.status !== 200) throw new Error(`CreateBucket answered ${created.status}: ${await created.text()}`);
  return {
    accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
    secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
    sessionToken: assumed.Credentials?.SessionToken ?? '',
  };
}

/** Signed small-object requests for a server, checked once. */
async function smallRequests(port: number, session: Keys, small: Buffer): Promise<{ get: Record<string, string>; put: Record<string, string> }> {
  const endpoint = `http://127.0.0.1:${port}`;
  const put = await signed(port, session, 'PUT', '/bench/small.bin', createHash('sha256').update(small).digest('hex'));
  const get = await signed(port, session, 'GET', '/bench/small.bin', 'UNSIGNED-PAYLOAD');
  const stored = await fetch(`${endpoint}/bench/small.bin`, { method: 'PUT', headers: put, body: small });
  if (stored.status !== 200) throw new Error(`PutObject answered ${stored.status}: ${await stored.text()}`);
  const got = await fetch(`${endpoint}/bench/small.bin`, { headers: get });
  if (got.status !== 200 || !Buffer.from(await got.arrayBuffer()).equals(small)) throw new Error(`GetObject answered ${got.status}`);
  return { get, put };
}

/** Runs the S3 benchmarks and prints the figures. */
export async function run(): Promise<void> {
  const dirs = [mkdtempSync(join(tmpdir(), 'podiam-bench-s3-')), mkdtempSync(join(tmpdir(), 'podiam-bench-s3-')), mkdtempSync(join(tmpdir(), 'podiam-bench-s3-files-'))];
  const [dataDir = '', plainDir = '', work = ''] = dirs;
  const children: ChildProcess[] = [];
  try {
    const [podiamPort, plainPort, barePort, busyPort, motoPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const podiam = composedServer(podiamPort, dataDir);
    const plain = unauditedServer(plainPort, plainDir);
    const small = randomFillSync(Buffer.alloc(SMALL));
    const bare = spawn(
      NODE,
      [
        '-e',
        `const body = Buffer.from('${small.toString('base64')}', 'base64');
         require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => q.method === 'GET' ? s.end(body) : s.end()); }).listen(${barePort}, '127.0.0.1')`,
      ],
      { stdio: 'ignore' },
    );
    // Calibration: the bare server spending 50 µs of CPU on each request before it answers — what a
    // server doing any work at all reaches against the bare one on this machine.
    const busy = spawn(
      NODE,
      [
        '-e',
        `const body = Buffer.from('${small.toString('base64')}', 'base64');
         require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { const t = process.hrtime.bigint(); while (process.hrtime.bigint() - t < 50000n); q.method === 'GET' ? s.end(body) : s.end(); }); }).listen(${busyPort}, '127.0.0.1')`,
      ],
      { stdio: 'ignore' },
    );
    const moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(motoPort)], { stdio: 'ignore' });
    children.push(podiam, plain, bare, busy, moto);
    await waitFor(`http://127.0.0.1:${podiamPort}/_podiam/health`, podiam, 'podiam serve');
    await waitFor(`http://127.0.0.1:${plainPort}/_podiam/health`, plain, 'podiam serve without audit');
    await waitFor(`http://127.0.0.1:${barePort}/`, bare, 'the bare server');
    await waitFor(`http://127.0.0.1:${busyPort}/`, busy, 'the calibration server');
    await waitFor(`http://127.0.0.1:${motoPort}/`, moto, "moto's server");
    const session = await setUp(podiamPort);
    const plainSession = await setUp(plainPort);
    const composed = await smallRequests(podiamPort, session, small);
    const unaudited = await smallRequests(plainPort, plainSession, small);

    // The small objects: GET and PUT, bare and each server, one after another in each round. Each
    // group's first load is its baseline: GETs are compared with the bare GET, PUTs with the bare PUT.
    const measured = (name: string, url: string, options: { method: string; headers?: Record<string, string>; body?: Buffer }, calibration = false) => ({
      name,
      calibration,
      warm: () => autocannon({ url, connections: CONNECTIONS, duration: 1, ...options }),
      once: () => autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options }),
    });
    const groups = [
      [
        measured('bare node:http GET (same bytes)', `http://127.0.0.1:${barePort}/bench/small.bin`, { method: 'GET' }),
        measured('bare + 50 µs CPU per request', `http://127.0.0.1:${busyPort}/bench/small.bin`, { method: 'GET' }, true),
        measured('GetObject (as composed: + CloudTrail)', `http://127.0.0.1:${podiamPort}/bench/small.bin`, { method: 'GET', headers: composed.get }),
        measured('GetObject (audit recorder off)', `http://127.0.0.1:${plainPort}/bench/small.bin`, { method: 'GET', headers: unaudited.get }),
      ],
      [
        measured('bare node:http PUT (body read)', `http://127.0.0.1:${barePort}/bench/small.bin`, { method: 'PUT', body: small }),
        measured('PutObject (as composed: + CloudTrail)', `http://127.0.0.1:${podiamPort}/bench/small.bin`, { method: 'PUT', headers: composed.put, body: small }),
        measured('PutObject (audit recorder off)', `http://127.0.0.1:${plainPort}/bench/small.bin`, { method: 'PUT', headers: unaudited.put, body: small }),
      ],
    ];
    const smallLoads = groups.flat();
    for (const l of smallLoads) await l.warm();
    const smallRuns = await inRounds(ROUNDS, smallLoads.map((l) => l.once));
    const runsOf = (l: (typeof smallLoads)[number]) => smallRuns[smallLoads.indexOf(l)] ?? [];
    report(`S3 1 KiB objects, ${CONNECTIONS} keep-alive connections, ${ROUNDS} rounds of ${SECONDS} s each (autocannon; medians, ratios taken round by round); role session, SigV4, authorization`, [
      ...groups.flatMap(([baseline, ...others]) => {
        if (baseline === undefined) return [];
        const head = (l: typeof baseline) => {
          const runs = runsOf(l);
          return `${l.name.padEnd(40)} ${rate(median(runs.map((r) => r.requests.average))).padStart(8)} req/s  p99 ${median(runs.map((r) => r.latency.p99))} ms`;
        };
        const baseRates = runsOf(baseline).map((r) => r.requests.average);
        return [
          head(baseline),
          ...others.map((l) => {
            const runs = runsOf(l);
            const failed = runs.reduce((n, r) => n + r.non2xx + r.errors, 0);
            const ratio = pairedRatios(runs.map((r) => r.requests.average), baseRates);
            return (
              `${head(l)}  ${percentOf(ratio, 'bare')}` +
              (l.calibration ? ' (calibration)' : ` (target ≥ 40%) ${ratio.median >= 0.4 ? 'ok' : 'BELOW TARGET'}`) +
              (failed > 0 ? `  (${failed} non-2xx or failed)` : '')
            );
          }),
        ];
      }),
    ]);

    // moto: the same small object and the same signed requests (moto checks no signature).
    const motoHeaders = (method: string, path: string, hash: string) => signed(motoPort, ADMIN, method, path, hash);
    const motoBucket = await fetch(`http://127.0.0.1:${motoPort}/bench`, { method: 'PUT', headers: await motoHeaders('PUT', '/bench', 'UNSIGNED-PAYLOAD') });
    if (motoBucket.status !== 200) throw new Error(`moto CreateBucket answered ${motoBucket.status}`);
    const smallHash = createHash('sha256').update(small).digest('hex');
    const motoPut = await fetch(`http://127.0.0.1:${motoPort}/bench/small.bin`, { method: 'PUT', headers: await motoHeaders('PUT', '/bench/small.bin', smallHash), body: small });
    if (motoPut.status !== 200) throw new Error(`moto PutObject answered ${motoPut.status}`);
    const motoGet = await motoHeaders('GET', '/bench/small.bin', 'UNSIGNED-PAYLOAD');
    // moto's server answers HTTP/1.0-style, closing the connection after each answer, so it is driven by
    // node:http's client (reconnecting); podiam and the bare server by autocannon over keep-alive
    // connections, the bare server being the ceiling of any server on this machine.
    const rows: string[] = [];
    for (const connections of [1, CONNECTIONS]) {
      const served = (port: number, headers?: Record<string, string>) => async (seconds = SEQUENTIAL_SECONDS) => {
        const r = await autocannon({ url: `http://127.0.0.1:${port}/bench/small.bin`, connections, duration: seconds, method: 'GET', ...(headers !== undefined ? { headers } : {}) });
        if (r.non2xx + r.errors > 0) throw new Error(`port ${port} failed ${r.non2xx + r.errors} GetObject calls`);
        return r.requests.average;
      };
      const viaMoto = async (seconds = SEQUENTIAL_SECONDS) => {
        const m = await nodeClient(motoPort, '/bench/small.bin', motoGet, connections, seconds);
        if (m.failures > 0) throw new Error(`moto failed ${m.failures} GetObject calls`);
        return m.rate;
      };
      const contenders = [
        { name: `moto, ${connections} connection(s)`, once: viaMoto, note: '' },
        { name: `bare node:http, ${connections} connection(s)`, once: served(barePort), note: ' (the ceiling)' },
        { name: `bare + 50 µs CPU, ${connections} connection(s)`, once: served(busyPort), note: ' (calibration)' },
        { name: `podiam (as composed), ${connections} connection(s)`, once: served(podiamPort, composed.get), note: 'target' },
      ];
      for (const c of contenders) await c.once(1);
      const runs = await inRounds(ROUNDS, contenders.map((c) => () => c.once()));
      const motoRates = runs[0] ?? [];
      for (const [i, c] of contenders.entries()) {
        const rates = runs[i] ?? [];
        const head = `${c.name.padEnd(40)} ${rate(median(rates)).padStart(8)} calls/s`;
        if (i === 0) {
          rows.push(head);
          continue;
        }
        const ratio = pairedRatios(rates, motoRates);
        rows.push(
          `${head}  ${timesOf(ratio, 'moto')}` +
            (c.note === 'target' ? ` (target ≥ 20×) ${ratio.median >= 20 ? 'ok' : 'BELOW TARGET'}` : c.note),
        );
      }
    }
    report(`S3 GetObject of the 1 KiB object vs moto's S3 server (moto: node:http client; podiam and bare: autocannon), ${ROUNDS} rounds of ${SEQUENTIAL_SECONDS} s (medians; ratios taken round by round)`, rows);

    // 1 GiB in and out, against cat copying the same file.
    const bigFile = join(work, 'big.bin');
    const fd = openSync(bigFile, 'w');
    const block = Buffer.alloc(1 << 24);
    for (let written = 0; written < BIG; written += block.length) writeSync(fd, randomFillSync(block));
    closeSync(fd);
    // Each step starts with nothing left to write back from the one before (sync), so that no step
    // pays for another's dirty pages.
    settle();
    const catIn = catSeconds(bigFile, join(work, 'cat-1.bin'));
    settle();
    const catOut = catSeconds(join(work, 'cat-1.bin'), join(work, 'cat-2.bin'));
    rmSync(join(work, 'cat-1.bin'));
    rmSync(join(work, 'cat-2.bin'));
    const before = memoryOf(podiam.pid);
    const bigPut = await signed(podiamPort, session, 'PUT', '/bench/big.bin', 'UNSIGNED-PAYLOAD');
    const bigGet = await signed(podiamPort, session, 'GET', '/bench/big.bin', 'UNSIGNED-PAYLOAD');
    const out = join(work, 'big.out');
    settle();
    const curlIn = await curlSeconds(podiamPort, '/bench/big.bin', bigPut, ['-T', bigFile]);
    settle();
    const curlOut = await curlSeconds(podiamPort, '/bench/big.bin', bigGet, ['-o', out]);
    const curlSame = statSync(out).size === BIG;
    rmSync(out);
    settle();
    const nodeIn = await putFile(podiamPort, '/bench/big.bin', bigFile, bigPut);
    settle();
    const nodeOut = await getFile(podiamPort, '/bench/big.bin', out, bigGet);
    const nodeSame = statSync(out).size === BIG;
    const after = memoryOf(podiam.pid);
    const mib = BIG / 1024 ** 2;
    const catRate = (2 * mib) / (catIn + catOut);
    const row = (name: string, inSeconds: number, outSeconds: number, same: boolean, target: boolean) => {
      const podiamRate = (2 * mib) / (inSeconds + outSeconds);
      const ratio = podiamRate / catRate;
      return (
        `${name.padEnd(40)} ${podiamRate.toFixed(0).padStart(8)} MiB/s  (${inSeconds.toFixed(2)} s in, ${outSeconds.toFixed(2)} s out)  ` +
        `${(ratio * 100).toFixed(0)}% of cat${target ? ` (target ≥ 50%) ${ratio >= 0.5 ? 'ok' : 'BELOW TARGET'}` : ''}${same ? '' : '  SIZE MISMATCH'}`
      );
    };
    report('S3 1 GiB object streamed in (PutObject, UNSIGNED-PAYLOAD) and out (GetObject to a file) vs cat copying the file twice', [
      `${'cat file > copy; cat copy > copy2'.padEnd(40)} ${catRate.toFixed(0).padStart(8)} MiB/s  (${catIn.toFixed(2)} s + ${catOut.toFixed(2)} s)`,
      row('podiam PUT + GET, curl', curlIn, curlOut, curlSame, true),
      row('podiam PUT + GET, node:http client', nodeIn, nodeOut, nodeSame, false),
      `${'podiam serve peak RSS'.padEnd(40)} ${before.peak.toFixed(0).padStart(8)} MiB before, ${after.peak.toFixed(0)} MiB after (RSS now ${after.current.toFixed(0)} MiB)`,
    ]);
  } finally {
    await Promise.all(children.map(stop));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
