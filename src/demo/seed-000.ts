// Seed 000: IRSA on one cluster. eksctl's steps — the cluster's OIDC provider, the read-only policy
// test-k8s-read-policy, the role pod-creator trusting the provider for default/svc-test — then the pod
// amazonlinux picking the role up with its projected token. podiam has no EKS API, so what the role may
// do there is checked by simulation; that it may do nothing else shows on S3.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { s3Skip, type DemoContext } from './demo-context.ts';
import { EXAMPLE_ISSUER_HOST, EXAMPLE_MANAGEMENT_ACCOUNT, ExampleFiles } from './example-files.ts';
import { attachRolePolicy, ensureManagedPolicy, ensureRole } from './iam-setup.ts';
import { ALLOWED, refused } from './outcome.ts';
import type { SeedScenario } from './seed-scenario.ts';
import { checkSimulated } from './simulation.ts';
import { ensureCluster, mintToken, webIdentitySession, type RoleSession } from './workload-identity.ts';
import { needSession, noSession } from './session-gate.ts';

const CLUSTER = 'demo-k8s';

export const seed000: SeedScenario = {
  id: '000',
  title: 'seed 000: IRSA, a pod gets pod-creator, a role with a read-only EKS policy',
  dir: 'seed000',
  async run(ctx: DemoContext) {
    const { log } = ctx;
    const iam = ctx.admin.iam;
    const files = new ExampleFiles(ctx.env.examplesDir, 'seed000').substitute(EXAMPLE_MANAGEMENT_ACCOUNT, ctx.managementAccount);

    log.step('set-up: the cluster and its OIDC provider, the policy, the role (eksctl create iamserviceaccount)');
    const cluster = await ensureCluster(ctx, CLUSTER);
    files.substitute(`${EXAMPLE_ISSUER_HOST}${CLUSTER}`, cluster.providerUrl);
    const policy = await ensureManagedPolicy(iam, ctx.managementAccount, 'test-k8s-read-policy', files.policy('test-k8s-read-policy.json'));
    log.info(`managed policy test-k8s-read-policy: ${policy.action} (${files.shown('test-k8s-read-policy.json')})`);
    const role = await ensureRole(iam, 'pod-creator', files.policy('pod-creator-trust.json'));
    await attachRolePolicy(iam, 'pod-creator', policy.arn);
    log.info(`role pod-creator: ${role.action} (${files.shown('pod-creator-trust.json')}: aud and sub of default/svc-test), test-k8s-read-policy attached`);
    const roleArn = files.serviceAccountRole('serviceaccount.yaml', 'svc-test');
    log.info(`ServiceAccount default/svc-test (${files.shown('serviceaccount.yaml')}): eks.amazonaws.com/role-arn: ${roleArn}`);

    log.step('the pod amazonlinux (ServiceAccount svc-test) exchanges its projected token, as the SDK does');
    let session: RoleSession | undefined;
    await log.check(`sts:AssumeRoleWithWebIdentity pod-creator with default/svc-test's token`, ALLOWED, async () => {
      const token = await mintToken(ctx, { cluster: CLUSTER, namespace: 'default', serviceAccount: 'svc-test', pod: 'amazonlinux' });
      session = await webIdentitySession(ctx, roleArn, token, 'amazonlinux');
      const who = await ctx.clientsFor(session.credentials).sts.send(new GetCallerIdentityCommand({}));
      return `aws sts get-caller-identity: ${who.Arn ?? ''}`;
    });
    await log.check(`sts:AssumeRoleWithWebIdentity pod-creator with default/intruder's token`, refused('AccessDenied'), async () => {
      const token = await mintToken(ctx, { cluster: CLUSTER, namespace: 'default', serviceAccount: 'intruder' });
      return (await webIdentitySession(ctx, roleArn, token, 'intruder')).arn;
    }, { note: 'the trust policy names system:serviceaccount:default:svc-test in :sub' });
    await log.check(`sts:AssumeRoleWithWebIdentity pod-creator with a svc-test token for audience vault`, refused('InvalidIdentityToken'), async () => {
      const token = await mintToken(ctx, { cluster: CLUSTER, namespace: 'default', serviceAccount: 'svc-test', audience: 'vault' });
      return (await webIdentitySession(ctx, roleArn, token, 'vault')).arn;
    }, { note: "the provider's client ID list is sts.amazonaws.com" });

    log.step('what pod-creator may do on EKS (podiam has no EKS API: aws iam simulate-principal-policy)');
    const eks = `arn:aws:eks:us-east-1:${ctx.managementAccount}`;
    await checkSimulated(ctx, `eks:DescribeCluster on cluster/${CLUSTER}`, { principalArn: roleArn, action: 'eks:DescribeCluster', resource: `${eks}:cluster/${CLUSTER}` }, ALLOWED);
    await checkSimulated(ctx, 'eks:ListClusters', { principalArn: roleArn, action: 'eks:ListClusters', resource: '*' }, ALLOWED);
    await checkSimulated(ctx, `eks:DescribeNodegroup on nodegroup/${CLUSTER}/linux-node`, { principalArn: roleArn, action: 'eks:DescribeNodegroup', resource: `${eks}:nodegroup/${CLUSTER}/linux-node/0c2b6f3a-1d2e-4f5a-8b9c-0d1e2f3a4b5c` }, ALLOWED);
    await checkSimulated(ctx, `eks:DeleteCluster on cluster/${CLUSTER}`, { principalArn: roleArn, action: 'eks:DeleteCluster', resource: `${eks}:cluster/${CLUSTER}` }, refused('implicitDeny'));
    await checkSimulated(ctx, 'eks:DescribeCluster on cluster/production', { principalArn: roleArn, action: 'eks:DescribeCluster', resource: `${eks}:cluster/production` }, refused('implicitDeny'));

    log.step('and nothing else: the pod lists S3 buckets with its session');
    await log.check('s3:ListAllMyBuckets (aws s3 ls) as pod-creator', refused('AccessDenied'), async () => {
      const out = await ctx.clientsFor(needSession(session).credentials).s3.send(new ListBucketsCommand({}));
      return `${out.Buckets?.length ?? 0} buckets`;
    }, { skip: noSession(session) ?? s3Skip(ctx) });
  },
};
