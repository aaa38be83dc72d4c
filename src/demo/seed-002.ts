// Seed 002: least privilege for two tenants of one cluster. Team A may put, get and delete objects of
// example-bucket, and manage buckets under the seed's `aws:RequestTag/Department = Finance` condition
// (first the seed's `s3:*` on `*`, then the corrected policy); Team B may describe EC2 instances, which
// podiam checks by simulation. The seed's "least privilege" example, s3:GetObject conditioned on
// aws:RequestTag, is on FinanceReaderRole: GetObject carries no request tags, so it allows nothing,
// and the corrected policy conditions on the object's own tag instead.
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { contentTypeOf, createBucket, putObject, taggingHeader } from './bucket-setup.ts';
import { s3Skip, type DemoContext } from './demo-context.ts';
import { EXAMPLE_ISSUER_HOST, EXAMPLE_MANAGEMENT_ACCOUNT, ExampleFiles } from './example-files.ts';
import { ensureRole, putRolePolicy } from './iam-setup.ts';
import { ALLOWED, refused } from './outcome.ts';
import type { SeedScenario } from './seed-scenario.ts';
import { needSession, noSession } from './session-gate.ts';
import { checkSimulated } from './simulation.ts';
import { ensureCluster, mintToken, webIdentitySession, type RoleSession } from './workload-identity.ts';

const CLUSTER = 'multi-tenant';
const BUCKET = 'example-bucket';
/** The object tags of example-bucket's objects (examples/seed002/example-bucket/...). */
const OBJECT_TAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'engineering/roadmap.txt': { Department: 'Engineering' },
  'finance/q3-report.csv': { Department: 'Finance' },
};

export const seed002: SeedScenario = {
  id: '002',
  title: 'seed 002: least privilege per tenant, Team A on S3 with a Department=Finance tag condition, Team B on EC2',
  dir: 'seed002',
  async run(ctx: DemoContext) {
    const { log } = ctx;
    const iam = ctx.admin.iam;
    const files = new ExampleFiles(ctx.env.examplesDir, 'seed002').substitute(EXAMPLE_MANAGEMENT_ACCOUNT, ctx.managementAccount);

    log.step('set-up: the cluster, the roles with the seed\'s trust and permission policies, example-bucket');
    const cluster = await ensureCluster(ctx, CLUSTER);
    files.substitute(`${EXAMPLE_ISSUER_HOST}${CLUSTER}`, cluster.providerUrl);
    const roles: [string, string, Record<string, string>][] = [
      ['DevTeamARole', 'dev-team-a-trust.json', { DevTeamAPolicy: 'dev-team-a-policy.json', DevTeamATagging: 'dev-team-a-tagging.original.json' }],
      ['DevTeamBRole', 'dev-team-b-trust.json', { DevTeamBPolicy: 'dev-team-b-policy.json' }],
      ['FinanceReaderRole', 'finance-reader-trust.json', { FinanceReader: 'finance-reader-policy.original.json' }],
    ];
    for (const [name, trust, policies] of roles) {
      const role = await ensureRole(iam, name, files.policy(trust));
      for (const [policyName, file] of Object.entries(policies)) await putRolePolicy(iam, name, policyName, files.policy(file));
      log.info(`role ${name}: ${role.action} (${files.shown(trust)}), inline ${Object.entries(policies).map(([p, f]) => `${p} (${f})`).join(', ')}`);
    }
    if (ctx.s3.available) {
      await createBucket(ctx.admin.s3, ctx.env.region, BUCKET);
      for (const key of files.objectKeys(BUCKET)) {
        await putObject(ctx.admin.s3, BUCKET, key, files.bytes(`${BUCKET}/${key}`), { contentType: contentTypeOf(key), ...(OBJECT_TAGS[key] !== undefined ? { tags: OBJECT_TAGS[key] } : {}) });
        log.info(`object ${BUCKET}/${key}${OBJECT_TAGS[key] !== undefined ? ` tagged ${taggingHeader(OBJECT_TAGS[key])}` : ''}`);
      }
    } else {
      log.info(`bucket ${BUCKET}: not created, ${s3Skip(ctx) ?? ''}`);
    }

    const sessionFor = async (serviceAccount: string): Promise<RoleSession> => {
      const token = await mintToken(ctx, { cluster: CLUSTER, namespace: 'default', serviceAccount });
      return webIdentitySession(ctx, files.serviceAccountRole('serviceaccounts.yaml', serviceAccount), token, serviceAccount);
    };

    log.step('Team A (ServiceAccount dev-team-a-sa, DevTeamARole): objects of example-bucket');
    let teamA: RoleSession | undefined;
    await log.check(`sts:AssumeRoleWithWebIdentity DevTeamARole with default/dev-team-a-sa's token`, ALLOWED, async () => {
      teamA = await sessionFor('dev-team-a-sa');
      return teamA.arn;
    });
    await log.check(`sts:AssumeRoleWithWebIdentity DevTeamARole with default/dev-team-b-sa's token`, refused('AccessDenied'), async () => {
      const token = await mintToken(ctx, { cluster: CLUSTER, namespace: 'default', serviceAccount: 'dev-team-b-sa' });
      return (await webIdentitySession(ctx, files.serviceAccountRole('serviceaccounts.yaml', 'dev-team-a-sa'), token, 'dev-team-b-sa')).arn;
    }, { note: "DevTeamARole's trust names system:serviceaccount:default:dev-team-a-sa in :sub" });
    const aGate = () => noSession(teamA) ?? s3Skip(ctx);
    const a = () => ctx.clientsFor(needSession(teamA).credentials).s3;
    const notes = 'team-a/notes.txt';
    await log.check(`s3:PutObject ${BUCKET}/${notes} as DevTeamARole`, ALLOWED, async () => {
      const out = await a().send(new PutObjectCommand({ Bucket: BUCKET, Key: notes, Body: 'Team A was here.\n', ContentType: 'text/plain' }));
      return `ETag ${out.ETag ?? '?'}`;
    }, { skip: aGate() });
    await log.check(`s3:GetObject ${BUCKET}/${notes} as DevTeamARole`, ALLOWED, async () => {
      const out = await a().send(new GetObjectCommand({ Bucket: BUCKET, Key: notes }));
      return JSON.stringify(await out.Body?.transformToString());
    }, { skip: aGate() });
    await log.check(`s3:DeleteObject ${BUCKET}/${notes} as DevTeamARole`, ALLOWED, async () => {
      await a().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: notes }));
      return 'deleted';
    }, { skip: aGate() });
    await log.check(`s3:ListBucket ${BUCKET} as DevTeamARole`, refused('AccessDenied'), async () => {
      return `${(await a().send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount ?? 0} keys`;
    }, { skip: aGate(), note: 'DevTeamAPolicy grants object actions only' });
    await log.check(`s3:PutObject ${BUCKET}/${notes} with tags Department=Finance as DevTeamARole`, refused('AccessDenied'), async () => {
      await a().send(new PutObjectCommand({ Bucket: BUCKET, Key: notes, Body: 'tagged', Tagging: 'Department=Finance' }));
      return 'written';
    }, { skip: aGate(), note: 'an upload that tags its object needs s3:PutObjectTagging as well' });

    log.step("Team A's bucket management under the seed's tag condition: s3:* on * with aws:RequestTag/Department = Finance");
    const teamACreates = async (bucket: string, tags: Readonly<Record<string, string>>): Promise<string> => `bucket ${bucket} ${await createBucket(a(), ctx.env.region, bucket, tags)}`;
    await log.check('s3:CreateBucket finance-archive tagged Department=Finance as DevTeamARole', ALLOWED, () => teamACreates('finance-archive', { Department: 'Finance' }), { skip: aGate() });
    await log.check('s3:CreateBucket engineering-archive tagged Department=Engineering as DevTeamARole', refused('AccessDenied'), () => teamACreates('engineering-archive', { Department: 'Engineering' }), { skip: aGate() });
    await log.check('s3:CreateBucket finance-untagged without tags as DevTeamARole', refused('AccessDenied'), () => teamACreates('finance-untagged', {}), { skip: aGate() });
    await log.check('s3:CreateBucket dev-team-b-logs tagged Department=Finance and Owner=TeamA as DevTeamARole', ALLOWED, () => teamACreates('dev-team-b-logs', { Department: 'Finance', Owner: 'TeamA' }), {
      skip: aGate(),
      note: 'allowed, and it should not be: any bucket name, any other tags, as long as Department=Finance is among them',
    });
    await putRolePolicy(iam, 'DevTeamARole', 'DevTeamATagging', files.policy('dev-team-a-tagging.json'));
    log.info(`DevTeamATagging replaced by ${files.shown('dev-team-a-tagging.json')}: s3:CreateBucket and s3:TagResource on finance-* only, tag keys Department and Project only`);
    await log.check('s3:CreateBucket dev-team-b-logs tagged Department=Finance and Owner=TeamA as DevTeamARole', refused('AccessDenied'), () => teamACreates('dev-team-b-logs', { Department: 'Finance', Owner: 'TeamA' }), { skip: aGate() });
    await log.check('s3:CreateBucket finance-archive tagged Department=Finance as DevTeamARole', ALLOWED, () => teamACreates('finance-archive', { Department: 'Finance' }), { skip: aGate() });

    log.step('Team B (ServiceAccount dev-team-b-sa, DevTeamBRole): ec2:DescribeInstances, checked by simulation');
    let teamB: RoleSession | undefined;
    await log.check(`sts:AssumeRoleWithWebIdentity DevTeamBRole with default/dev-team-b-sa's token`, ALLOWED, async () => {
      teamB = await sessionFor('dev-team-b-sa');
      return teamB.arn;
    });
    const teamBRole = files.serviceAccountRole('serviceaccounts.yaml', 'dev-team-b-sa');
    await checkSimulated(ctx, 'ec2:DescribeInstances as DevTeamBRole', { principalArn: teamBRole, action: 'ec2:DescribeInstances', resource: '*' }, ALLOWED);
    await checkSimulated(ctx, 'ec2:TerminateInstances as DevTeamBRole', { principalArn: teamBRole, action: 'ec2:TerminateInstances', resource: `arn:aws:ec2:us-east-1:${ctx.managementAccount}:instance/i-0123456789abcdef0` }, refused('implicitDeny'));
    await checkSimulated(ctx, `s3:GetObject ${BUCKET}/finance/q3-report.csv as DevTeamBRole`, { principalArn: teamBRole, action: 's3:GetObject', resource: `arn:aws:s3:::${BUCKET}/finance/q3-report.csv` }, refused('implicitDeny'));
    await log.check(`s3:GetObject ${BUCKET}/finance/q3-report.csv as DevTeamBRole`, refused('AccessDenied'), async () => {
      const out = await ctx.clientsFor(needSession(teamB).credentials).s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'finance/q3-report.csv' }));
      return `read ${(await out.Body?.transformToString())?.length ?? 0} characters`;
    }, { skip: noSession(teamB) ?? s3Skip(ctx) });

    log.step("the seed's \"least privilege\" example: s3:GetObject on example-bucket/* if aws:RequestTag/Department = Finance");
    let reader: RoleSession | undefined;
    await log.check(`sts:AssumeRoleWithWebIdentity FinanceReaderRole with default/finance-reader's token`, ALLOWED, async () => {
      reader = await sessionFor('finance-reader');
      return reader.arn;
    });
    const read = async (key: string): Promise<string> => {
      const out = await ctx.clientsFor(needSession(reader).credentials).s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      // Read the body: an unread one keeps its connection, and the process, alive.
      const body = await out.Body?.transformToString();
      return `${out.ContentLength ?? 0} bytes, ${out.ContentType ?? '?'}: ${JSON.stringify(body)}`;
    };
    const readerGate = () => noSession(reader) ?? s3Skip(ctx);
    await log.check(`s3:GetObject ${BUCKET}/finance/q3-report.csv (tagged Department=Finance) as FinanceReaderRole`, refused('AccessDenied'), () => read('finance/q3-report.csv'), {
      skip: readerGate(),
      note: 'a GetObject request carries no request tags: the condition never holds (podiam policy validate: UNSUPPORTED_ACTION_FOR_CONDITION_KEY)',
    });
    await checkSimulated(ctx, 's3:GetObject as FinanceReaderRole, simulated with aws:RequestTag/Department=Finance', {
      principalArn: files.serviceAccountRole('serviceaccounts.yaml', 'finance-reader'),
      action: 's3:GetObject',
      resource: `arn:aws:s3:::${BUCKET}/finance/q3-report.csv`,
      context: { 'aws:RequestTag/Department': 'Finance' },
    }, ALLOWED);
    await putRolePolicy(iam, 'FinanceReaderRole', 'FinanceReader', files.policy('finance-reader-policy.json'));
    log.info(`FinanceReader replaced by ${files.shown('finance-reader-policy.json')}: the object's own tag, s3:ExistingObjectTag/Department = Finance`);
    await log.check(`s3:GetObject ${BUCKET}/finance/q3-report.csv (tagged Department=Finance) as FinanceReaderRole`, ALLOWED, () => read('finance/q3-report.csv'), { skip: readerGate() });
    await log.check(`s3:GetObject ${BUCKET}/engineering/roadmap.txt (tagged Department=Engineering) as FinanceReaderRole`, refused('AccessDenied'), () => read('engineering/roadmap.txt'), { skip: readerGate() });
  },
};
