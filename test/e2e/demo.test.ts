// `podiam demo` end to end: a real `podiam serve`, the demo as a child process (the AWS SDK v3 against
// IAM, STS, S3, Organizations and the clusters API), its exit code and the outcomes it prints; run
// again on the same podiam; a tampered example whose outcome does not happen; and the quick start
// (`podiam up`, then `podiam demo` in the same directory with no credentials in the environment).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE, PODIAM_BIN, freePort, startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { awsAsync, runAsync } from './support/sts-world.ts';
import type { CliResult } from './support/aws-cli.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');

let podiam: PodiamProcess;
let first: CliResult;

function demo(args: readonly string[], env: NodeJS.ProcessEnv = podiam.env, cwd?: string): Promise<CliResult> {
  if (cwd === undefined) return runAsync(NODE, [PODIAM_BIN, 'demo', ...args], env);
  return new Promise((resolveRun, reject) => {
    const child = spawn(NODE, [PODIAM_BIN, 'demo', ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolveRun({ status: status ?? -1, stdout, stderr, json: undefined }));
  });
}

/** The printed lines of checked calls with this verdict (and outcome), without the verdict: `allowed  label: detail`. */
function outcomes(out: string, head: 'ok' | 'FAIL' | 'skip', outcome?: 'allowed' | 'refused'): string[] {
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${head} `))
    .map((line) => line.slice(head.length).trim())
    .filter((line) => outcome === undefined || line.startsWith(`${outcome}  `));
}

beforeAll(async () => {
  podiam = await startPodiam();
  first = await demo([]);
}, 120_000);
afterAll(async () => {
  await podiam?.stop();
});

describe('podiam demo against a running podiam: every seed, every outcome as the policies say', () => {
  it('exits 0 and every checked call was ok: none failed, none left unchecked', () => {
    expect(first.status, `${first.stdout}\n${first.stderr}`).toBe(0);
    expect(outcomes(first.stdout, 'FAIL')).toEqual([]);
    expect(outcomes(first.stdout, 'skip')).toEqual([]);
    const summary = /(\d+) expected outcomes: (\d+) happened, 0 did not, 0 not checked/.exec(first.stdout);
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(Number(summary?.[1])).toBe(outcomes(first.stdout, 'ok').length);
    for (const seed of ['seed 000', 'seed 001', 'seed 002', 'seed 003']) expect(first.stdout).toContain(`== ${seed}:`);
  });

  it("seed 000: the pod's token gets pod-creator; another ServiceAccount's and another audience's are refused; EKS by simulation", () => {
    const allowed = outcomes(first.stdout, 'ok', 'allowed');
    const refusedLines = outcomes(first.stdout, 'ok', 'refused');
    expect(allowed).toContainEqual(expect.stringMatching(/sts:AssumeRoleWithWebIdentity pod-creator with default\/svc-test's token: aws sts get-caller-identity: arn:aws:sts::123456789012:assumed-role\/pod-creator\/amazonlinux$/));
    expect(refusedLines).toContainEqual(expect.stringMatching(/pod-creator with default\/intruder's token: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity$/));
    expect(refusedLines).toContainEqual(expect.stringMatching(/audience vault: InvalidIdentityToken: /));
    expect(allowed).toContainEqual(expect.stringMatching(/eks:DescribeCluster on cluster\/demo-k8s: simulated: allowed by user-managed policy arn:aws:iam::123456789012:policy\/test-k8s-read-policy/));
    expect(refusedLines).toContainEqual(expect.stringMatching(/eks:DeleteCluster on cluster\/demo-k8s: implicitDeny: simulated: /));
    expect(refusedLines).toContainEqual(expect.stringMatching(/s3:ListAllMyBuckets \(aws s3 ls\) as pod-creator: AccessDenied: User: arn:aws:sts::123456789012:assumed-role\/pod-creator\/amazonlinux is not authorized to perform: s3:ListAllMyBuckets/));
  });

  it("seed 001: the pod's get-object across accounts; the seed's trust lets another ServiceAccount in, the corrected one does not; role chaining", () => {
    const shared = /account shared_content: created by Organizations CreateAccount, ID (\d{12})/.exec(first.stdout)?.[1];
    expect(shared).toMatch(/^\d{12}$/);
    const allowed = outcomes(first.stdout, 'ok', 'allowed');
    const refusedLines = outcomes(first.stdout, 'ok', 'refused');
    expect(refusedLines).toContainEqual(expect.stringMatching(/Sid "s3-bucket"\): MalformedPolicyDocument: Statement IDs \(SID\) must be alpha-numeric/));
    expect(allowed).toContainEqual(`allowed  sts:AssumeRoleWithWebIdentity s3-read-object --duration 1500 with default/s3-shared-content's token: arn:aws:sts::${shared}:assumed-role/s3-read-object/x-account`);
    const picture = readFileSync(join(EXAMPLES, 'seed001/indoor-cat.jpg'));
    expect(allowed).toContainEqual(expect.stringMatching(new RegExp(`^allowed  s3:GetObject pics/indoor-cat.jpg as s3-read-object: aws s3api get-object --bucket pics --key indoor-cat.jpg mypic.jpg: ${picture.length} bytes, image/jpeg, ETag "[0-9a-f]{32}"$`)));
    expect(refusedLines).toContainEqual(`refused  s3:PutObject pics/indoor-cat.jpg as s3-read-object: AccessDenied: User: arn:aws:sts::${shared}:assumed-role/s3-read-object/x-account is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::pics/indoor-cat.jpg" because no identity-based policy allows the s3:PutObject action`);
    // The weak trust, then the corrected one, in this order.
    const weak = first.stdout.indexOf(`ok    allowed  sts:AssumeRoleWithWebIdentity s3-read-object with default/other-app's token: arn:aws:sts::${shared}:assumed-role/s3-read-object/other-app`);
    const fixed = first.stdout.indexOf("ok    refused  sts:AssumeRoleWithWebIdentity s3-read-object with default/other-app's token: AccessDenied");
    expect(weak).toBeGreaterThan(0);
    expect(fixed).toBeGreaterThan(weak);
    expect(allowed).toContainEqual(`allowed  sts:AssumeRole S3_Pics as development-pics-reader (role chaining): arn:aws:sts::${shared}:assumed-role/S3_Pics/x-account`);
    expect(allowed).toContainEqual(expect.stringMatching(/^allowed  s3:GetObject pics\/indoor-cat.jpg as S3_Pics: /));
    expect(refusedLines).toContainEqual(expect.stringMatching(/^refused  s3:GetObject pics\/indoor-cat.jpg as development-pics-reader: AccessDenied: /));
  });

  it("seed 002: Team A's objects, the tag condition before and after correction, Team B by simulation, the least-privilege example", () => {
    const allowed = outcomes(first.stdout, 'ok', 'allowed');
    const refusedLines = outcomes(first.stdout, 'ok', 'refused');
    for (const action of ['PutObject', 'GetObject', 'DeleteObject']) expect(allowed).toContainEqual(expect.stringMatching(new RegExp(`^allowed  s3:${action} example-bucket/team-a/notes.txt as DevTeamARole: `)));
    expect(refusedLines).toContainEqual(expect.stringMatching(/^refused  s3:ListBucket example-bucket as DevTeamARole: AccessDenied: /));
    const weak = first.stdout.indexOf('ok    allowed  s3:CreateBucket dev-team-b-logs tagged Department=Finance and Owner=TeamA as DevTeamARole');
    const fixed = first.stdout.indexOf('ok    refused  s3:CreateBucket dev-team-b-logs tagged Department=Finance and Owner=TeamA as DevTeamARole: AccessDenied');
    expect(weak).toBeGreaterThan(0);
    expect(fixed).toBeGreaterThan(weak);
    expect(refusedLines).toContainEqual(expect.stringMatching(/^refused  s3:CreateBucket engineering-archive tagged Department=Engineering as DevTeamARole: AccessDenied: /));
    expect(allowed).toContainEqual('allowed  ec2:DescribeInstances as DevTeamBRole: simulated: allowed by role policy DevTeamBPolicy, statement at line 4');
    expect(refusedLines).toContainEqual(expect.stringMatching(/^refused  ec2:TerminateInstances as DevTeamBRole: implicitDeny: /));
    const original = first.stdout.indexOf('ok    refused  s3:GetObject example-bucket/finance/q3-report.csv (tagged Department=Finance) as FinanceReaderRole: AccessDenied');
    const corrected = first.stdout.indexOf('ok    allowed  s3:GetObject example-bucket/finance/q3-report.csv (tagged Department=Finance) as FinanceReaderRole');
    expect(original).toBeGreaterThan(0);
    expect(corrected).toBeGreaterThan(original);
  });

  it("seed 003: kube2iam's two hops, the pod's aws s3 ls, and the two-way trust before and after correction", async () => {
    const allowed = outcomes(first.stdout, 'ok', 'allowed');
    expect(allowed).toContainEqual('allowed  sts:AssumeRole Kube2IAM-Role as the node (user kube2iam-node): arn:aws:sts::123456789012:assumed-role/Kube2IAM-Role/i-0123456789abcdef0');
    expect(allowed).toContainEqual('allowed  sts:AssumeRole S3-BUCKET-Role as Kube2IAM-Role (kube2iam, for the pod): arn:aws:sts::123456789012:assumed-role/S3-BUCKET-Role/aws-cli');
    expect(allowed).toContainEqual(expect.stringMatching(/^allowed  s3:ListBucket some-bucket \(aws s3 ls some-bucket\) as S3-BUCKET-Role: PRE reports\/ \| \d+ welcome.txt$/));
    expect(allowed).toContainEqual(expect.stringMatching(/^allowed  sts:AssumeRole Kube2IAM-Role as S3-BUCKET-Role \(the pod climbing to the node role\): arn:aws:sts::123456789012:assumed-role\/Kube2IAM-Role\/climb$/));
    expect(outcomes(first.stdout, 'ok', 'refused')).toContainEqual(expect.stringMatching(/^refused  sts:AssumeRole Kube2IAM-Role as S3-BUCKET-Role: AccessDenied: /));
    // The demo leaves the corrected trust in place: IAM says so too.
    const role = await awsAsync(['iam', 'get-role', '--role-name', 'Kube2IAM-Role'], podiam.env);
    expect(role.status, role.stderr).toBe(0);
    const trust = JSON.stringify((role.json as { Role: { AssumeRolePolicyDocument: unknown } }).Role.AssumeRolePolicyDocument);
    expect(trust).toContain('ec2.amazonaws.com');
    expect(trust).not.toContain('S3-BUCKET-Role');
  });
});

describe('podiam demo is re-runnable: what exists is reused', () => {
  it('a second run on the same podiam exits 0 with the same outcomes', async () => {
    const second = await demo([]);
    expect(second.status, second.stdout).toBe(0);
    expect(second.stdout).toMatch(/account shared_content: reused, ID \d{12}/);
    expect(second.stdout).toContain('cluster development-cluster: reused');
    expect(outcomes(second.stdout, 'ok').length).toBe(outcomes(first.stdout, 'ok').length);
  }, 60_000);
});

describe('podiam demo fails when an expected outcome does not happen', () => {
  let tampered: string;
  beforeAll(() => {
    tampered = mkdtempSync(join(tmpdir(), 'podiam-demo-examples-'));
    cpSync(EXAMPLES, tampered, { recursive: true });
    // "Correct" seed 001's trust policy with the weak original: other-app is no longer refused.
    writeFileSync(join(tampered, 'seed001/s3-read-object-trust.json'), readFileSync(join(EXAMPLES, 'seed001/s3-read-object-trust.original.json')));
  });
  afterAll(() => rmSync(tampered, { recursive: true, force: true }));

  it('exits 1, prints FAIL with the expectation, and names the call', async () => {
    const out = await demo(['--seed', '001', '--examples', tampered]);
    expect(out.status).toBe(1);
    expect(outcomes(out.stdout, 'FAIL')).toEqual([expect.stringMatching(/^allowed  sts:AssumeRoleWithWebIdentity s3-read-object with default\/other-app's token: /)]);
    expect(out.stdout).toContain('expected refused (AccessDenied)');
    expect(out.stdout).toContain("did not happen as expected: sts:AssumeRoleWithWebIdentity s3-read-object with default/other-app's token");
  });

  it('--seed names one of the seeds', async () => {
    const out = await demo(['--seed', '7']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--seed must be one of 000, 001, 002, 003');
  });

  it('without a podiam at the endpoint it says so and exits 1', async () => {
    const out = await demo(['--endpoint-url', `http://127.0.0.1:${await freePort()}`]);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('podiam demo: cannot call STS GetCallerIdentity on http://127.0.0.1:');
    expect(out.stdout).toContain('Is podiam running there');
  });
});

describe('the quick start: podiam up (npm start), then podiam demo in the same directory', () => {
  let up: ChildProcess | undefined;
  let cwd: string;
  afterAll(async () => {
    if (up !== undefined && up.exitCode === null) {
      const exited = new Promise((r) => up?.once('exit', r));
      up.kill('SIGTERM');
      await exited;
    }
    rmSync(cwd, { recursive: true, force: true });
  });

  it("podiam demo finds podiam up's credentials in ./.podiam and runs seed 000", async () => {
    cwd = mkdtempSync(join(tmpdir(), 'podiam-quickstart-'));
    const port = await freePort();
    const child = spawn(NODE, [PODIAM_BIN, 'up', '--listen', `127.0.0.1:${port}`], { cwd, env: { ...process.env, PODIAM_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    up = child;
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('Stop with Ctrl-C')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`podiam up did not get ready:\n${stdout}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE']) delete env[name];
    const out = await demo(['--seed', '000'], env, cwd);
    expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(0);
    expect(out.stdout).toContain(`podiam demo against http://127.0.0.1:${port} as arn:aws:iam::123456789012:user/admin`);
    expect(out.stdout).toMatch(/9 expected outcomes: 9 happened, 0 did not, 0 not checked/);
  }, 60_000);
});
