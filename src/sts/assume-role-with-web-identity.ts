// AssumeRoleWithWebIdentity (STS API Reference): an unsigned call that trades an OpenID Connect ID token
// for a role session. The token's `iss` names the IAM OIDC provider, looked up in the role's account
// only; the token is verified against it (signature, audience, validity window: src/oidc); the role's
// trust policy must allow the federated principal with the token's condition keys; then session
// policies, tags from the token's `https://aws.amazon.com/tags` claim, the source identity claim and
// the duration are checked, and credentials are minted.
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { providerUrlForIssuer } from '../oidc/index.ts';
import type { ContextValue } from '../policy/index.ts';
import { checkPackedSize, packedSize } from './packed-policy-size.ts';
import type { RoleUseRecorder } from './role-last-used.ts';
import { findRole, requestRoleArn, roleSessionIdentity } from './role-session.ts';
import { noteRoleResource, sessionRequestParameters, sessionResponseElements, webIdentityUser } from './session-audit.ts';
import { roleSessionDuration } from './session-duration.ts';
import { readSessionPolicies, sessionPolicyClaims } from './session-policies.ts';
import { checkSourceIdentity } from './source-identity.ts';
import { ARN, ASSUMED_ROLE_USER, CREDENTIALS, POLICY_ARNS, ROLE_DURATION_SECONDS, ROLE_SESSION_NAME, SOURCE_IDENTITY } from './sts-shapes.ts';
import { issueCredentials } from './temporary-credentials.ts';
import type { VerifiedTokenCache } from './verified-token-cache.ts';
import { authorizeWebIdentity, requestFactsContext } from './web-identity-trust.ts';

const input = {
  type: 'structure',
  members: {
    RoleArn: ARN,
    RoleSessionName: ROLE_SESSION_NAME,
    WebIdentityToken: { type: 'string', min: 4, max: 20000 },
    ProviderId: { type: 'string', min: 4, max: 2048 },
    PolicyArns: POLICY_ARNS,
    Policy: { type: 'string', min: 1, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
    DurationSeconds: ROLE_DURATION_SECONDS,
  },
  required: ['RoleArn', 'RoleSessionName', 'WebIdentityToken'],
} as const;

const output = {
  type: 'structure',
  members: {
    Credentials: CREDENTIALS,
    SubjectFromWebIdentityToken: { type: 'string' },
    AssumedRoleUser: ASSUMED_ROLE_USER,
    PackedPolicySize: { type: 'integer' },
    Provider: { type: 'string' },
    Audience: { type: 'string' },
    SourceIdentity: SOURCE_IDENTITY,
  },
  required: ['Credentials', 'AssumedRoleUser', 'SubjectFromWebIdentityToken', 'Provider', 'Audience'],
} as const;

const ACTION = 'sts:AssumeRoleWithWebIdentity';
const NOT_AUTHORIZED = `Not authorized to perform ${ACTION}`;
/** Observed text for a token that is not a JWT (the verifier's own refusal says the same). */
const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';

/** What the operation needs besides its call context. */
export interface WebIdentityDeps {
  /** The server's verifier behind its cache of recently verified tokens. */
  readonly tokens: Pick<VerifiedTokenCache, 'issuerOf' | 'verify'>;
  readonly roleUse: RoleUseRecorder;
}

/** The AssumeRoleWithWebIdentity operation over a verifier (one per server: it caches issuer keys and tokens). */
export function assumeRoleWithWebIdentity(deps: WebIdentityDeps) {
  return operation({
    name: 'AssumeRoleWithWebIdentity',
    input,
    output,
    readOnly: true,
    unsigned: true,
    async run(ctx, req) {
      const roleArn = requestRoleArn(req.RoleArn);
      // OAuth 2.0 access tokens (ProviderId www.amazon.com, graph.facebook.com) are checked by asking
      // the identity provider, which refuses them with IDPRejectedClaim; podiam asks no one, so it
      // refuses them all the same way. OpenID Connect ID tokens come without ProviderId.
      if (req.ProviderId !== undefined) {
        throw awsError('IDPRejectedClaim', `${req.ProviderId}: OAuth 2.0 access tokens are not accepted; send an OpenID Connect ID token without ProviderId.`);
      }
      // The token is checked before the role is looked up, so that a caller learns nothing about which
      // roles exist: a missing role and a refusing trust policy give the same AccessDenied.
      const accountId = roleArn.accountId;
      if (!ctx.snapshot.accounts.has(accountId)) throw awsError('AccessDenied', NOT_AUTHORIZED, { detail: `no account ${accountId}` });
      ctx.audit.recipientAccountId = accountId;
      const iss = deps.tokens.issuerOf(req.WebIdentityToken);
      if (iss === undefined) throw awsError('InvalidIdentityToken', NOT_A_JWT, { detail: 'token is not a JWT with an iss claim' });
      const provider = ctx.snapshot.oidcProvider(accountId, providerUrlForIssuer(iss));
      if (provider === undefined) throw awsError('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${iss}`);
      // A provider for an issuer podiam cannot reach holds its JWKS; the verifier uses it instead of fetching.
      const verified = await deps.tokens.verify(req.WebIdentityToken, {
        url: provider.url,
        clientIds: provider.clientIds,
        thumbprints: provider.thumbprints,
        ...(provider.jwks !== undefined ? { jwks: provider.jwks } : {}),
      });
      if (!verified.ok) throw awsError(verified.code, verified.message, { detail: verified.detail });
      ctx.audit.userIdentity = webIdentityUser(provider.arn, verified.audience, verified.subject);
      const role = findRole(ctx.snapshot, roleArn);
      if (role === undefined) throw awsError('AccessDenied', NOT_AUTHORIZED, { detail: `no role ${roleArn.arn}` });
      noteRoleResource(ctx.audit, role.arn, accountId);

      const sourceIdentity = verified.sourceIdentity === undefined ? undefined : checkSourceIdentity(verified.sourceIdentity);
      const tags = verified.sessionTags;
      const context: Record<string, ContextValue> = {
        ...requestFactsContext(ctx.facts),
        ...verified.contextEntries,
        'aws:FederatedProvider': provider.arn,
        'sts:RoleSessionName': req.RoleSessionName,
        ...(sourceIdentity !== undefined ? { 'sts:SourceIdentity': sourceIdentity } : {}),
      };
      const actions = [ACTION];
      if (tags !== undefined && Object.keys(tags.principalTags).length > 0) actions.push('sts:TagSession');
      if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
      authorizeWebIdentity(ctx.snapshot, role, provider.arn, context, actions);

      const duration = roleSessionDuration(req.DurationSeconds, role.role.maxSessionDuration, false);
      const policies = readSessionPolicies(ctx.snapshot, accountId, req.Policy, req.PolicyArns);
      const sessionTags = tags?.principalTags ?? {};
      const passesPackedInput = policies.inline !== undefined || policies.arns.length > 0 || Object.keys(sessionTags).length > 0;
      const packed = passesPackedInput ? checkPackedSize(packedSize(policies.inline, policies.arns, sessionTags)) : undefined;

      const identity = roleSessionIdentity(role, req.RoleSessionName);
      const credentials = issueCredentials(ctx.keyring, ctx.now, duration, {
        p: identity.principal,
        via: 'AssumeRoleWithWebIdentity',
        ...sessionPolicyClaims(policies),
        ...(Object.keys(sessionTags).length > 0 ? { tags: sessionTags } : {}),
        ...(tags !== undefined && tags.transitiveTagKeys.length > 0 ? { ttk: tags.transitiveTagKeys } : {}),
        ...(sourceIdentity !== undefined ? { si: sourceIdentity } : {}),
        web: { provider: provider.arn, sub: verified.subject, aud: verified.audience },
      });
      deps.roleUse.note(ctx.store, role.role.roleId, ctx.now, ctx.region);
      return {
        Credentials: credentials,
        SubjectFromWebIdentityToken: verified.subject,
        AssumedRoleUser: { AssumedRoleId: identity.AssumedRoleId, Arn: identity.Arn },
        ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
        Provider: provider.arn,
        Audience: verified.audience,
        ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
      };
    },
    audit: {
      requestParameters: (req) => sessionRequestParameters(req),
      responseElements: (out) => ({
        ...sessionResponseElements(out),
        subjectFromWebIdentityToken: out.SubjectFromWebIdentityToken,
        provider: out.Provider,
        audience: out.Audience,
      }),
    },
  });
}
