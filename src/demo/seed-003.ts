// Seed 003: kube2iam. The node's instance profile gives kube2iam the intermediate Kube2IAM-Role; with
// it kube2iam assumes the role a pod's iam.amazonaws.com/role annotation names, S3-BUCKET-Role, and
// hands the pod that role's credentials. podiam has no EC2, so an IAM user, kube2iam-node, plays the
// instance profile (the only statement the example adds to the seed's trust policy). The seed's
// "two-way trust" also lets a pod holding S3-BUCKET-Role assume Kube2IAM-Role back (within an account,
// a trust policy naming a role is enough); the corrected trust drops that statement.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parse } from 'yaml';
import { contentTypeOf, createBucket, putObject } from './bucket-setup.ts';
import { s3Skip, type DemoContext } from './demo-context.ts';
import { EXAMPLE_MANAGEMENT_ACCOUNT, ExampleFiles } from './example-files.ts';
import { ensureRole, ensureUserWithKey, putRolePolicy } from './iam-setup.ts';
import { ALLOWED, refused } from './outcome.ts';
import type { SeedScenario } from './seed-scenario.ts';
import { needSession, noSession } from './session-gate.ts';
import { assumeRole, type RoleSession } from './workload-identity.ts';

const BUCKET = 'some-bucket';
const NODE_USER = 'kube2iam-node';

/** The trust policy with only its statements whose Sid is listed (how the two-way trust is built in steps). */
function onlyStatements(document: string, sids: readonly string[]): string {
  const parsed = JSON.parse(document) as { Version: string; Statement: { Sid?: string }[] };
  return JSON.stringify({ ...parsed, Statement: parsed.Statement.filter((s) => s.Sid !== undefined && sids.includes(s.Sid)) });
}

export const seed003: SeedScenario = {
  id: '003',
  title: "seed 003: kube2iam, a pod gets S3-BUCKET-Role through the node's Kube2IAM-Role",
  dir: 'seed003',
  async run(ctx: DemoContext) {
    const { log } = ctx;
    const iam = ctx.admin.iam;
    const files = new ExampleFiles(ctx.env.examplesDir, 'seed003').substitute(EXAMPLE_MANAGEMENT_ACCOUNT, ctx.managementAccount);

    log.step('set-up: Kube2IAM-Role, S3-BUCKET-Role and the two-way trust, the node, some-bucket');
    // A trust policy may only name users and roles that exist: the node's user first, then Kube2IAM-Role
    // trusting the node alone, then S3-BUCKET-Role (trusting Kube2IAM-Role), then Kube2IAM-Role's trust
    // gets the seed's statements.
    const node = await ensureUserWithKey(iam, NODE_USER, { inline: { 'act-as-instance-profile': files.policy('kube2iam-node-policy.json') } });
    log.info(`user ${NODE_USER} (the EC2 instance profile's stand-in): new access key ${node.keys.accessKeyId}`);
    const originalTrust = files.policy('kube2iam-role-trust.original.json');
    const firstStep = await ensureRole(iam, 'Kube2IAM-Role', onlyStatements(originalTrust, ['PodiamNodeStandIn']));
    const bucketRole = await ensureRole(iam, 'S3-BUCKET-Role', files.policy('s3-bucket-role-trust.json'));
    await putRolePolicy(iam, 'S3-BUCKET-Role', 'list-some-bucket', files.policy('s3-bucket-role-policy.json'));
    log.info(`role S3-BUCKET-Role: ${bucketRole.action} (${files.shown('s3-bucket-role-trust.json')}: trusts Kube2IAM-Role), s3:ListBucket on ${BUCKET} (${files.shown('s3-bucket-role-policy.json')})`);
    const nodeRole = await ensureRole(iam, 'Kube2IAM-Role', originalTrust);
    await putRolePolicy(iam, 'Kube2IAM-Role', 'assume-pod-roles', files.policy('kube2iam-role-policy.json'));
    log.info(`role Kube2IAM-Role: ${firstStep.action}, trust policy set to ${files.shown('kube2iam-role-trust.original.json')} (S3-BUCKET-Role, ec2.amazonaws.com, the node stand-in), may sts:AssumeRole S3-BUCKET-Role`);
    if (ctx.s3.available) {
      await createBucket(ctx.admin.s3, ctx.env.region, BUCKET);
      for (const key of files.objectKeys(BUCKET)) await putObject(ctx.admin.s3, BUCKET, key, files.bytes(`${BUCKET}/${key}`), { contentType: contentTypeOf(key) });
      log.info(`bucket ${BUCKET} with ${files.objectKeys(BUCKET).join(', ')}`);
    } else {
      log.info(`bucket ${BUCKET}: not created, ${s3Skip(ctx) ?? ''}`);
    }
    const pod = parse(files.text('pod.yaml')) as { metadata: { name: string; annotations: Record<string, string> } };
    const podRole = pod.metadata.annotations['iam.amazonaws.com/role'] ?? '';
    log.info(`pod ${pod.metadata.name} (${files.shown('pod.yaml')}): iam.amazonaws.com/role: ${podRole}`);

    log.step('the two hops kube2iam makes for the pod, then the pod runs aws s3 ls some-bucket');
    let nodeSession: RoleSession | undefined;
    await log.check(`sts:AssumeRole Kube2IAM-Role as the node (user ${NODE_USER})`, ALLOWED, async () => {
      nodeSession = await assumeRole(ctx, node.keys, nodeRole.arn, 'i-0123456789abcdef0');
      return nodeSession.arn;
    });
    let podSession: RoleSession | undefined;
    await log.check('sts:AssumeRole S3-BUCKET-Role as Kube2IAM-Role (kube2iam, for the pod)', ALLOWED, async () => {
      podSession = await assumeRole(ctx, needSession(nodeSession).credentials, podRole, pod.metadata.name);
      return podSession.arn;
    }, { skip: noSession(nodeSession) });
    const podGate = () => noSession(podSession) ?? s3Skip(ctx);
    const podS3 = () => ctx.clientsFor(needSession(podSession).credentials).s3;
    await log.check(`s3:ListBucket ${BUCKET} (aws s3 ls ${BUCKET}) as S3-BUCKET-Role`, ALLOWED, async () => {
      const out = await podS3().send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
      const listed = [...(out.CommonPrefixes ?? []).map((p) => `PRE ${p.Prefix ?? ''}`), ...(out.Contents ?? []).map((o) => `${o.Size ?? 0} ${o.Key ?? ''}`)];
      return listed.join(' | ');
    }, { skip: podGate() });
    await log.check(`s3:GetObject ${BUCKET}/welcome.txt as S3-BUCKET-Role`, refused('AccessDenied'), async () => {
      const out = await podS3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'welcome.txt' }));
      return `read ${(await out.Body?.transformToString())?.length ?? 0} characters`;
    }, { skip: podGate(), note: 'the role may list the bucket, not read its objects' });

    log.step('what the intermediate role and the node may not do');
    await log.check(`s3:ListBucket ${BUCKET} as Kube2IAM-Role`, refused('AccessDenied'), async () => {
      const out = await ctx.clientsFor(needSession(nodeSession).credentials).s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return `${out.KeyCount ?? 0} keys`;
    }, { skip: noSession(nodeSession) ?? s3Skip(ctx), note: 'the node role only assumes pod roles' });
    await log.check(`sts:AssumeRole S3-BUCKET-Role as the node (user ${NODE_USER}), skipping Kube2IAM-Role`, refused('AccessDenied'), async () => {
      return (await assumeRole(ctx, node.keys, podRole, 'direct')).arn;
    }, { note: 'S3-BUCKET-Role trusts Kube2IAM-Role only' });

    log.step("the seed's two-way trust: Kube2IAM-Role trusts S3-BUCKET-Role back");
    await log.check('sts:AssumeRole Kube2IAM-Role as S3-BUCKET-Role (the pod climbing to the node role)', ALLOWED, async () => {
      return (await assumeRole(ctx, needSession(podSession).credentials, nodeRole.arn, 'climb')).arn;
    }, {
      skip: noSession(podSession),
      note:
        'allowed, and it should not be: within an account a trust policy that names a role grants on its own, even though ' +
        "S3-BUCKET-Role's policy does not allow sts:AssumeRole; the pod now holds the node role, which assumes pod roles",
    });
    const corrected = await ensureRole(iam, 'Kube2IAM-Role', files.policy('kube2iam-role-trust.json'));
    log.info(`role Kube2IAM-Role: ${corrected.action} to ${files.shown('kube2iam-role-trust.json')} (no S3-BUCKET-Role statement: the pod roles trust the node role, not the reverse)`);
    await log.check('sts:AssumeRole Kube2IAM-Role as S3-BUCKET-Role', refused('AccessDenied'), async () => {
      return (await assumeRole(ctx, needSession(podSession).credentials, nodeRole.arn, 'climb')).arn;
    }, { skip: noSession(podSession) });
    await log.check('sts:AssumeRole S3-BUCKET-Role as Kube2IAM-Role, after the correction', ALLOWED, async () => {
      nodeSession = await assumeRole(ctx, node.keys, nodeRole.arn, 'i-0123456789abcdef0');
      return (await assumeRole(ctx, nodeSession.credentials, podRole, pod.metadata.name)).arn;
    });
  },
};
