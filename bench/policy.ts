// Policy engine benchmarks (issue: "Figures it must reach"):
//  (a) the seeds' one-statement policies, (b) a role with 10 managed policies of 20 statements each
//  with conditions, (c) the cross-account case with a resource policy; memory per compiled policy and
//  for 10,000 roles' policies. The baseline, measured in the same run, is the same decisions made the
//  way an uncompiled simulator makes them: parse and compile the policies for every decision.
import {
  RequestContext,
  authorize,
  loadPolicy,
  type AuthorizationRequest,
  type CompiledPolicy,
  type PolicyKind,
  type PolicySet,
  type PolicyType,
  type RequestPrincipal,
} from '../src/policy/index.ts';
import { heapUsed, measure, rate, report, type Figure } from './harness.ts';

const A = '111122223333';
const B = '444455556666';

function load(kind: PolicyKind, type: PolicyType, text: string, id: string): CompiledPolicy {
  const loaded = loadPolicy(text, { policyType: type, source: { id, kind } });
  if (!loaded.ok) throw new Error(`${id}: ${JSON.stringify(loaded.errors)}`);
  return loaded.policy;
}

interface Case {
  readonly name: string;
  readonly texts: { kind: PolicyKind; type: PolicyType; text: string; slot: keyof PolicySet }[];
  readonly set: PolicySet;
  readonly request: AuthorizationRequest;
  readonly expected: string;
}

function makeCase(name: string, texts: Case['texts'], request: AuthorizationRequest, expected: string, extra: Partial<PolicySet> = {}): Case {
  const set: Record<string, unknown> = { ...extra };
  for (const [i, t] of texts.entries()) {
    const compiled = load(t.kind, t.type, t.text, `${name}-${i}`);
    if (t.slot === 'identity' || t.slot === 'sessionPolicies') set[t.slot] = [...((set[t.slot] as CompiledPolicy[] | undefined) ?? []), compiled];
    else set[t.slot] = compiled;
  }
  return { name, texts, set: set as PolicySet, request, expected };
}

const session: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${A}:assumed-role/s3-read-object/x-account`,
  accountId: A,
  roleArn: `arn:aws:iam::${A}:role/s3-read-object`,
};
const provider = `arn:aws:iam::${A}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/oidc-id`;
const webIdentity: RequestPrincipal = { type: 'WebIdentity', arn: provider, accountId: A, federatedProvider: provider };
const kube2iam: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${A}:assumed-role/Kube2IAM-Role/i-0abc`,
  accountId: A,
  roleArn: `arn:aws:iam::${A}:role/Kube2IAM-Role`,
};

/** (a) The seeds' one-statement policies, as the requests their pods make. */
function seedCases(): Case[] {
  return [
    makeCase(
      'seed001-getobject',
      [{ kind: 'IdentityPolicy', type: 'IDENTITY_POLICY', slot: 'identity', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 's3bucket', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }] }) }],
      { principal: session, action: 's3:GetObject', resource: 'arn:aws:s3:::pics/indoor-cat.jpg', context: new RequestContext() },
      'allowed',
    ),
    makeCase(
      'seed001-trust',
      [
        {
          kind: 'ResourcePolicy',
          type: 'TRUST_POLICY',
          slot: 'resourcePolicy',
          text: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/oidc-id:aud': 'sts.amazonaws.com' } } }],
          }),
        },
      ],
      {
        principal: webIdentity,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: `arn:aws:iam::${A}:role/s3-read-object`,
        context: new RequestContext({ 'oidc.eks.us-east-1.amazonaws.com/id/oidc-id:aud': 'sts.amazonaws.com', 'oidc.eks.us-east-1.amazonaws.com/id/oidc-id:sub': 'system:serviceaccount:default:s3-shared-content' }),
      },
      'allowed',
      { resourcePolicyRequired: true },
    ),
    makeCase(
      'seed002-team-b',
      [{ kind: 'IdentityPolicy', type: 'IDENTITY_POLICY', slot: 'identity', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }] }) }],
      { principal: session, action: 'ec2:DescribeInstances', resource: '*', context: new RequestContext() },
      'allowed',
    ),
    makeCase(
      'seed003-trust',
      [
        {
          kind: 'ResourcePolicy',
          type: 'TRUST_POLICY',
          slot: 'resourcePolicy',
          text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/Kube2IAM-Role` }, Action: 'sts:AssumeRole' }] }),
        },
      ],
      { principal: kube2iam, action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/S3-BUCKET-Role`, context: new RequestContext() },
      'allowed',
      { resourcePolicyRequired: true },
    ),
  ];
}

/** (b) A role with 10 managed policies of 20 statements each, every statement with conditions. */
function bigRoleCase(): Case {
  const texts: Case['texts'] = [];
  const services = ['s3', 'ec2', 'dynamodb', 'sqs', 'sns', 'kms', 'lambda', 'logs', 'cloudwatch', 'ecr'];
  for (let p = 0; p < 10; p++) {
    const statements = [];
    for (let s = 0; s < 20; s++) {
      const service = services[(p + s) % services.length] as string;
      statements.push({
        Sid: `P${p}S${s}`,
        Effect: 'Allow',
        Action: [`${service}:Get*`, `${service}:List*`, `${service}:Describe${s}*`],
        Resource: [`arn:aws:${service}:us-east-1:${A}:thing-${p}-${s}/*`, `arn:aws:${service}:*:${A}:team-${s}-*`],
        Condition: {
          StringEquals: { 'aws:PrincipalTag/team': [`team-${s}`, 'platform'], 'aws:RequestedRegion': 'us-east-1' },
          IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
          Bool: { 'aws:SecureTransport': 'true' },
        },
      });
    }
    texts.push({ kind: 'IdentityPolicy', type: 'IDENTITY_POLICY', slot: 'identity', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
  }
  const context = new RequestContext({
    'aws:PrincipalTag/team': 'platform',
    'aws:RequestedRegion': 'us-east-1',
    'aws:SourceIp': '10.1.2.3',
    'aws:SecureTransport': 'true',
  });
  return makeCase('ten-managed-policies', texts, { principal: session, action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-east-1:${A}:team-7-orders`, context }, 'allowed');
}

/** (c) Cross-account: a role session of account B reads a bucket of account A with a bucket policy. */
function crossAccountCase(): Case {
  const caller: RequestPrincipal = { type: 'AssumedRole', arn: `arn:aws:sts::${B}:assumed-role/dev/pod`, accountId: B, roleArn: `arn:aws:iam::${B}:role/dev` };
  return makeCase(
    'cross-account',
    [
      { kind: 'IdentityPolicy', type: 'IDENTITY_POLICY', slot: 'identity', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }] }) },
      {
        kind: 'ResourcePolicy',
        type: 'RESOURCE_POLICY',
        slot: 'resourcePolicy',
        text: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::pics', 'arn:aws:s3:::pics/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
            { Sid: 'ReadFromDev', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:role/dev` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::pics', 'arn:aws:s3:::pics/*'] },
          ],
        }),
      },
    ],
    { principal: caller, action: 's3:GetObject', resource: 'arn:aws:s3:::pics/indoor-cat.jpg', resourceAccount: A, context: new RequestContext({ 'aws:SecureTransport': 'true' }) },
    'allowed',
  );
}

/** The uncompiled baseline: parse and compile every policy of the case for each decision. */
function uncompiled(c: Case): () => unknown {
  return () => {
    const set: Record<string, unknown> = { ...c.set };
    const identity: CompiledPolicy[] = [];
    for (const [i, t] of c.texts.entries()) {
      const compiled = load(t.kind, t.type, t.text, `${c.name}-${i}`);
      if (t.slot === 'identity') identity.push(compiled);
      else set[t.slot] = compiled;
    }
    if (identity.length > 0) set['identity'] = identity;
    return authorize(set as PolicySet, c.request);
  };
}

function check(c: Case): void {
  const got = authorize(c.set, c.request).decision;
  if (got !== c.expected) throw new Error(`${c.name}: expected ${c.expected}, got ${got}`);
}

function rows(compiled: Figure, baseline: Figure): string[] {
  return [
    `  compiled:   ${rate(compiled.opsPerSec).padStart(13)} decisions/s  (${compiled.nsPerOp.toFixed(0)} ns each)`,
    `  baseline:   ${rate(baseline.opsPerSec).padStart(13)} decisions/s  (parse+compile per decision, ${(baseline.nsPerOp / 1000).toFixed(1)} µs each)`,
    `  ratio:      ${(compiled.opsPerSec / baseline.opsPerSec).toFixed(0)}× the baseline; ${(compiled.opsPerSec / 2000).toFixed(0)}× the issue's reference simulator (2,000 decisions/s)`,
  ];
}

/** Runs the policy benchmarks. */
export async function run(): Promise<void> {
  const seeds = seedCases();
  for (const c of seeds) check(c);
  let i = 0;
  const seedCompiled = measure('(a) seeds, compiled', () => {
    const c = seeds[i++ & 3] as Case;
    return authorize(c.set, c.request);
  });
  const seedBaselines = seeds.map(uncompiled);
  let j = 0;
  const seedBaseline = measure('(a) seeds, baseline', () => (seedBaselines[j++ & 3] as () => unknown)());
  report('(a) the seeds\' one-statement policies (mix of 4 decisions)', rows(seedCompiled, seedBaseline));

  const big = bigRoleCase();
  check(big);
  report('(b) role with 10 managed policies × 20 statements with conditions', rows(measure('(b) compiled', () => authorize(big.set, big.request)), measure('(b) baseline', uncompiled(big), 1000)));

  const cross = crossAccountCase();
  check(cross);
  report('(c) cross-account with a bucket policy', rows(measure('(c) compiled', () => authorize(cross.set, cross.request)), measure('(c) baseline', uncompiled(cross))));

  // Memory: one compiled policy of case (b)'s shape, and 10,000 roles each with a trust policy and an
  // inline policy plus two of 50 shared managed policies.
  const text = big.texts[0]?.text ?? '';
  const before = heapUsed();
  const keep: CompiledPolicy[] = [];
  for (let n = 0; n < 200; n++) keep.push(load('IdentityPolicy', 'IDENTITY_POLICY', text, `m${n}`));
  const perPolicy = (heapUsed() - before) / keep.length;
  keep.length = 0;

  const base = heapUsed();
  const roles: { trust: CompiledPolicy; inline: CompiledPolicy }[] = [];
  for (let r = 0; r < 10_000; r++) {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/oidc-id:sub': `system:serviceaccount:ns-${r}:sa-${r}`, 'oidc.eks.us-east-1.amazonaws.com/id/oidc-id:aud': 'sts.amazonaws.com' } } }],
    });
    const inline = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::tenant-${r}/*` },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::tenant-${r}`, Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } },
        { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: `arn:aws:sqs:us-east-1:${A}:queue-${r}` },
      ],
    });
    roles.push({ trust: load('ResourcePolicy', 'TRUST_POLICY', trust, `t${r}`), inline: load('IdentityPolicy', 'IDENTITY_POLICY', inline, `i${r}`) });
  }
  const total = heapUsed() - base;
  report('memory', [
    `  one compiled policy of 20 statements with conditions: ${(perPolicy / 1024).toFixed(1)} KiB`,
    `  10,000 roles (trust policy + 3-statement inline policy each): ${(total / 1024 / 1024).toFixed(1)} MiB (${(total / roles.length / 1024).toFixed(1)} KiB per role)`,
  ]);
}
