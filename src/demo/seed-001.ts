// Seed 001: cross-account IRSA. The pod runs in the developer account's cluster; the pics bucket is in
// the shared_content account. Route 1 (the seed's procedure): the cluster's issuer registered as an
// IAM OIDC provider in shared_content, whose role s3-read-object trusts it — first with the seed's
// trust policy, which checks aud but not sub, so any service account of the cluster gets the role,
// then with the corrected one. Route 2 (the seed's note on blue/green clusters): the pod's role lives
// in the developer account and chains to S3_Pics in shared_content with sts:AssumeRole.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { createBucket, putObject } from './bucket-setup.ts';
import { s3Skip, type DemoContext } from './demo-context.ts';
import { EXAMPLE_ISSUER_HOST, EXAMPLE_MANAGEMENT_ACCOUNT, EXAMPLE_SHARED_CONTENT_ACCOUNT, ExampleFiles } from './example-files.ts';
import { ensureOidcProvider, ensureRole, putRolePolicy } from './iam-setup.ts';
import { memberAccount } from './member-account.ts';
import { ALLOWED, refused } from './outcome.ts';
import type { SeedScenario } from './seed-scenario.ts';
import { needSession, noSession } from './session-gate.ts';
import { assumeRole, ensureCluster, mintToken, webIdentitySession, type RoleSession } from './workload-identity.ts';

const CLUSTER = 'development-cluster';
const BUCKET = 'pics';
const KEY = 'indoor-cat.jpg';

export const seed001: SeedScenario = {
  id: '001',
  title: 'seed 001: cross-account IRSA, a pod in the developer account reads pics in shared_content',
  dir: 'seed001',
  async run(ctx: DemoContext) {
    const { log } = ctx;
    const files = new ExampleFiles(ctx.env.examplesDir, 'seed001').substitute(EXAMPLE_MANAGEMENT_ACCOUNT, ctx.managementAccount);

    log.step('set-up: the developer account (the management account) and its cluster, the shared_content account');
    log.info(`developer account: ${ctx.managementAccount}`);
    const cluster = await ensureCluster(ctx, CLUSTER);
    const shared = await memberAccount(ctx, 'shared_content');
    files.substitute(EXAMPLE_SHARED_CONTENT_ACCOUNT, shared.accountId).substitute(`${EXAMPLE_ISSUER_HOST}${CLUSTER}`, cluster.providerUrl);
    const sharedAws = ctx.clientsFor(shared.admin);
    const provider = await ensureOidcProvider(sharedAws.iam, shared.accountId, cluster.issuer);
    log.info(`IAM OIDC provider in shared_content for the cluster's issuer (audience sts.amazonaws.com): ${provider.action}, ${provider.arn}`);

    log.step('the role s3-read-object in shared_content, with the seed\'s trust and permission policies');
    const role = await ensureRole(sharedAws.iam, 's3-read-object', files.policy('s3-read-object-trust.original.json'));
    log.info(`role s3-read-object: ${role.action} (${files.shown('s3-read-object-trust.original.json')}: the seed's trust, aud only)`);
    const permissions = files.policy('s3-read-pics.json');
    await log.check(`iam:PutRolePolicy with the seed's permission policy as printed (Sid "s3-bucket")`, refused('MalformedPolicyDocument'), async () => {
      await putRolePolicy(sharedAws.iam, 's3-read-object', 's3-read-pics', permissions.replace(/"Sid":\s*"S3Bucket"/, '"Sid": "s3-bucket"'));
      return 'accepted';
    }, { note: 'IAM takes only letters and digits in a Sid; the example file says S3Bucket' });
    await putRolePolicy(sharedAws.iam, 's3-read-object', 's3-read-pics', permissions);
    log.info(`inline policy s3-read-pics (${files.shown('s3-read-pics.json')}): s3:GetObject on arn:aws:s3:::${BUCKET}/*`);
    const picture = files.bytes(KEY);
    if (ctx.s3.available) {
      await createBucket(sharedAws.s3, ctx.env.region, BUCKET);
      await putObject(sharedAws.s3, BUCKET, KEY, picture, { contentType: 'image/jpeg' });
      log.info(`bucket ${BUCKET} in shared_content with ${KEY} (${picture.length} bytes, ${files.shown(KEY)})`);
    } else {
      log.info(`bucket ${BUCKET}: not created, ${s3Skip(ctx) ?? ''}`);
    }
    const roleArn = files.serviceAccountRole('serviceaccounts.yaml', 's3-shared-content');

    const readPicture = async (session: RoleSession): Promise<string> => {
      const out = await ctx.clientsFor(session.credentials).s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
      const body = Buffer.from((await out.Body?.transformToByteArray()) ?? []);
      if (!body.equals(picture)) throw new Error(`GetObject returned ${body.length} bytes that are not ${files.shown(KEY)}`);
      return `aws s3api get-object --bucket ${BUCKET} --key ${KEY} mypic.jpg: ${out.ContentLength ?? body.length} bytes, ${out.ContentType ?? '?'}, ETag ${out.ETag ?? '?'}`;
    };

    log.step('route 1: the pod nginx (ServiceAccount s3-shared-content) assumes s3-read-object across accounts');
    const podToken = (serviceAccount: string, namespace = 'default') => mintToken(ctx, { cluster: CLUSTER, namespace, serviceAccount });
    let podSession: RoleSession | undefined;
    await log.check(`sts:AssumeRoleWithWebIdentity s3-read-object --duration 1500 with default/s3-shared-content's token`, ALLOWED, async () => {
      podSession = await webIdentitySession(ctx, roleArn, await podToken('s3-shared-content'), 'x-account', 1500);
      return podSession.arn;
    });
    const s3Gate = () => noSession(podSession) ?? s3Skip(ctx);
    await log.check(`s3:GetObject ${BUCKET}/${KEY} as s3-read-object`, ALLOWED, () => readPicture(needSession(podSession)), { skip: s3Gate() });
    await log.check(`s3:PutObject ${BUCKET}/${KEY} as s3-read-object`, refused('AccessDenied'), async () => {
      await ctx.clientsFor(needSession(podSession).credentials).s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: 'not a cat' }));
      return 'written';
    }, { skip: s3Gate(), note: 'the role may read objects of pics, nothing more' });
    await log.check(`s3:ListBucket ${BUCKET} (aws s3 ls s3://${BUCKET}) as s3-read-object`, refused('AccessDenied'), async () => {
      const out = await ctx.clientsFor(needSession(podSession).credentials).s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return `${out.KeyCount ?? 0} keys`;
    }, { skip: s3Gate() });

    log.step("the seed's trust policy checks aud but not sub: every service account of the cluster gets the role");
    await log.check(`sts:AssumeRoleWithWebIdentity s3-read-object with default/other-app's token`, ALLOWED, async () => {
      return (await webIdentitySession(ctx, roleArn, await podToken('other-app'), 'other-app')).arn;
    }, { note: 'allowed, and it should not be: podiam policy validate reports MISSING_SUB_CONDITION_KEY_FOR_OIDC_PRINCIPAL' });
    await log.check(`sts:AssumeRoleWithWebIdentity s3-read-object with kube-system/default's token`, ALLOWED, async () => {
      return (await webIdentitySession(ctx, roleArn, await podToken('default', 'kube-system'), 'kube-system')).arn;
    });
    const corrected = await ensureRole(sharedAws.iam, 's3-read-object', files.policy('s3-read-object-trust.json'));
    log.info(`role s3-read-object: ${corrected.action} to ${files.shown('s3-read-object-trust.json')} (aud, and sub system:serviceaccount:default:s3-shared-content)`);
    await log.check(`sts:AssumeRoleWithWebIdentity s3-read-object with default/other-app's token`, refused('AccessDenied'), async () => {
      return (await webIdentitySession(ctx, roleArn, await podToken('other-app'), 'other-app')).arn;
    });
    await log.check(`sts:AssumeRoleWithWebIdentity s3-read-object with default/s3-shared-content's token`, ALLOWED, async () => {
      podSession = await webIdentitySession(ctx, roleArn, await podToken('s3-shared-content'), 'x-account', 1500);
      return podSession.arn;
    });

    log.step("route 2: role chaining from the developer account (the seed's note on blue/green clusters)");
    const developerRole = await ensureRole(ctx.admin.iam, 'development-pics-reader', files.policy('development-pics-reader-trust.json'));
    await putRolePolicy(ctx.admin.iam, 'development-pics-reader', 'assume-s3-pics', files.policy('development-pics-reader-policy.json'));
    log.info(`role development-pics-reader in the developer account: ${developerRole.action} (${files.shown('development-pics-reader-trust.json')}), may sts:AssumeRole S3_Pics`);
    const picsRole = await ensureRole(sharedAws.iam, 'S3_Pics', files.policy('s3-pics-trust.json'));
    await putRolePolicy(sharedAws.iam, 'S3_Pics', 's3-read-pics', permissions);
    log.info(`role S3_Pics in shared_content: ${picsRole.action} (${files.shown('s3-pics-trust.json')}: trusts development-pics-reader, no OIDC provider), s3-read-pics`);
    const developerRoleArn = files.serviceAccountRole('serviceaccounts.yaml', 'pics-reader');
    let developerSession: RoleSession | undefined;
    await log.check(`sts:AssumeRoleWithWebIdentity development-pics-reader with default/pics-reader's token`, ALLOWED, async () => {
      developerSession = await webIdentitySession(ctx, developerRoleArn, await podToken('pics-reader'), 'pics-reader');
      return developerSession.arn;
    });
    await log.check(`s3:GetObject ${BUCKET}/${KEY} as development-pics-reader`, refused('AccessDenied'), () => readPicture(needSession(developerSession)), {
      skip: noSession(developerSession) ?? s3Skip(ctx),
      note: "neither the developer role's policies nor a bucket policy of pics allow it",
    });
    let chained: RoleSession | undefined;
    await log.check(`sts:AssumeRole S3_Pics as development-pics-reader (role chaining)`, ALLOWED, async () => {
      chained = await assumeRole(ctx, needSession(developerSession).credentials, picsRole.arn, 'x-account');
      return chained.arn;
    }, { skip: noSession(developerSession) });
    await log.check(`s3:GetObject ${BUCKET}/${KEY} as S3_Pics`, ALLOWED, () => readPicture(needSession(chained)), { skip: noSession(chained) ?? s3Skip(ctx) });
    await log.check(`sts:AssumeRole S3_Pics as s3-read-object`, refused('AccessDenied'), async () => {
      return (await assumeRole(ctx, needSession(podSession).credentials, picsRole.arn, 'x-account')).arn;
    }, { skip: noSession(podSession), note: 'S3_Pics trusts only development-pics-reader' });
  },
};
