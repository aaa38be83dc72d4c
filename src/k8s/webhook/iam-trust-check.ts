// podiam's trust check over IAM's own API: reads the role's trust policy (GetRole) and the cluster's
// OIDC provider (GetOpenIDConnectProvider) from any IAM endpoint — podiam's or AWS's — and decides, with
// the policy engine, whether an AssumeRoleWithWebIdentity with this pod's token claims would be allowed.
import { GetOpenIDConnectProviderCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { RequestContext, explain, loadPolicy, prepareRequest } from '../../policy/index.ts';
import type { TrustCheck } from './trust-check.ts';

const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/** How the trust check reaches IAM: the region, and credentials (default: the SDK's default chain). */
export interface IamTrustCheckOptions {
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
}

/** A trust check that asks the IAM at `endpoint`. */
export function iamTrustCheck(endpoint: string, options: IamTrustCheckOptions = {}): TrustCheck {
  const region = options.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const clientConfig = { endpoint, region, ...(options.credentials !== undefined ? { credentials: options.credentials } : {}) };
  const iam = new IAMClient(clientConfig);
  const sts = new STSClient(clientConfig);
  let ownAccount: Promise<string> | undefined;
  const callerAccount = (): Promise<string> => {
    ownAccount ??= sts.send(new GetCallerIdentityCommand({})).then(
      (identity) => identity.Account ?? '',
      (err: unknown) => {
        ownAccount = undefined;
        throw err;
      },
    );
    return ownAccount;
  };
  return async (roleArn, claims) => {
    const m = ROLE_ARN.exec(roleArn);
    if (m === null) return { ok: false, reason: `${roleArn} is not an IAM role ARN` };
    const [, partition, account, roleName] = m as unknown as [string, string, string, string];
    // GetRole reads the caller's own account only (IAM has no cross-account reads): a role in another
    // account (cross-account IRSA, seed 001) cannot be checked with these credentials — say so (the
    // check errs, which is logged), rather than warn that it does not exist or read a namesake.
    const elsewhere = (own: string): Error => new Error(`cannot check ${roleArn}: the webhook's IAM credentials are for account ${own}`);
    let trustText: string;
    try {
      const role = await iam.send(new GetRoleCommand({ RoleName: roleName }));
      const own = ROLE_ARN.exec(role.Role?.Arn ?? '')?.[2];
      if (own !== account) throw elsewhere(own ?? 'unknown');
      // IAM returns policy documents URL-encoded (IAM API Reference, "GetRole").
      trustText = decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '');
    } catch (err) {
      if ((err as { name?: string }).name !== 'NoSuchEntityException') throw err;
      // Only now is the caller's account needed (STS at the same endpoint: podiam serves both).
      const own = await callerAccount();
      if (own !== account) throw elsewhere(own);
      return { ok: false, reason: `role ${roleArn} does not exist` };
    }
    const provider = claims.issuer.replace(/^https?:\/\//, '');
    const providerArn = `arn:${partition}:iam::${account}:oidc-provider/${provider}`;
    try {
      const registered = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }));
      if (!(registered.ClientIDList ?? []).includes(claims.aud)) {
        return { ok: false, reason: `the OIDC provider ${providerArn} does not list the audience ${claims.aud}` };
      }
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchEntityException') return { ok: false, reason: `no IAM OIDC provider for ${claims.issuer} in account ${account}` };
      throw err;
    }
    const trust = loadPolicy(trustText, { policyType: 'TRUST_POLICY', source: { id: `${roleArn} trust policy`, kind: 'ResourcePolicy' } });
    if (!trust.ok) return { ok: false, reason: `the trust policy of ${roleArn} does not parse: ${trust.errors[0]?.message ?? ''}` };
    const request = prepareRequest({
      principal: { type: 'WebIdentity', arn: providerArn, accountId: account, federatedProvider: providerArn },
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: roleArn,
      context: new RequestContext({ [`${provider}:sub`]: claims.sub, [`${provider}:aud`]: claims.aud, 'aws:FederatedProvider': providerArn }),
    });
    const why = explain({ resourcePolicy: trust.policy, resourcePolicyRequired: true }, request);
    if (why.decision === 'allowed') return { ok: true };
    return { ok: false, reason: `the trust policy of ${roleArn} would refuse ${claims.sub} (aud ${claims.aud}): ${why.summary}` };
  };
}
