// Who is calling: from an access key (and, for temporary credentials, its session token) to the
// principal the policy engine evaluates. Used as the SigV4 verifier's credential lookup.
import { tokenRefusal, type AwsError, type SigV4Dialect } from '../aws/index.ts';
import type { RequestPrincipal } from '../policy/index.ts';
import { openSessionToken, type SessionClaims, type SessionKeyring } from './session-token.ts';
import type { IamSnapshot, TagMap } from './snapshot.ts';

/** The authenticated caller of a request. */
export interface Caller {
  /** The secret the request's signature is checked with. */
  readonly secretAccessKey: string;
  readonly accessKeyId: string;
  readonly principal: RequestPrincipal;
  /** `aws:userid`: the user ID, `AROA…:session` for role sessions, the account ID for root. */
  readonly userId: string;
  /** `aws:username`, for IAM users. */
  readonly userName?: string;
  /** The principal's tags (role or user tags, with session tags over them). */
  readonly tags: TagMap;
  /** Present for temporary credentials. */
  readonly session?: SessionClaims;
  /** The role, for role sessions (its ARN with path). */
  readonly roleArn?: string;
}

/**
 * Resolves an access key to its caller. Returns undefined for an unknown long-term key (the verifier
 * answers InvalidClientTokenId / InvalidAccessKeyId), an AwsError for a refused key or token.
 */
export function resolveCaller(
  snapshot: IamSnapshot,
  keyring: SessionKeyring,
  accessKeyId: string,
  securityToken: string | undefined,
  nowMs: number,
  dialect: SigV4Dialect,
): Caller | AwsError | undefined {
  if (accessKeyId.startsWith('ASIA')) return resolveSession(snapshot, keyring, accessKeyId, securityToken, nowMs, dialect);
  const key = snapshot.accessKeys.get(accessKeyId);
  if (key === undefined) return undefined;
  if (key.status !== 'Active') return tokenRefusal(dialect, 'invalid');
  // A session token belongs to temporary credentials only: AWS refuses a long-term key that carries one
  // (the familiar "The security token included in the request is invalid." of a stale AWS_SESSION_TOKEN
  // beside permanent keys; IAM User Guide, "Troubleshoot IAM": "InvalidClientTokenId").
  if (securityToken !== undefined && securityToken !== '') return tokenRefusal(dialect, 'invalid');
  const account = key.accountId;
  if (key.userId === undefined) {
    return {
      secretAccessKey: key.secretAccessKey,
      accessKeyId,
      principal: { type: 'Root', arn: `arn:aws:iam::${account}:root`, accountId: account },
      userId: account,
      tags: {},
    };
  }
  const user = snapshot.usersById.get(key.userId);
  if (user === undefined) return tokenRefusal(dialect, 'invalid');
  return {
    secretAccessKey: key.secretAccessKey,
    accessKeyId,
    principal: { type: 'User', arn: user.arn, accountId: account },
    userId: user.user.userId,
    userName: user.user.name,
    tags: user.tags,
  };
}

function resolveSession(
  snapshot: IamSnapshot,
  keyring: SessionKeyring,
  accessKeyId: string,
  securityToken: string | undefined,
  nowMs: number,
  dialect: SigV4Dialect,
): Caller | AwsError {
  if (securityToken === undefined || securityToken === '') return tokenRefusal(dialect, 'invalid');
  const opened = openSessionToken(securityToken, keyring);
  if (!opened.ok || opened.claims.akid !== accessKeyId) return tokenRefusal(dialect, 'invalid');
  const claims = opened.claims;
  if (claims.exp * 1000 <= nowMs) return tokenRefusal(dialect, 'expired');
  const p = claims.p;
  const base = { secretAccessKey: claims.sk, accessKeyId, userId: p.userId, session: claims };
  switch (p.type) {
    case 'AssumedRole': {
      const role = p.roleArn === undefined ? undefined : snapshot.roleByArn(p.roleArn);
      return {
        ...base,
        principal: { type: 'AssumedRole', arn: p.arn, accountId: p.accountId, ...(p.roleArn !== undefined ? { roleArn: p.roleArn } : {}) },
        ...(p.roleArn !== undefined ? { roleArn: p.roleArn } : {}),
        tags: { ...(role?.tags ?? {}), ...(claims.tags ?? {}) },
      };
    }
    case 'User': {
      const user = snapshot.usersById.get(p.userId);
      return {
        ...base,
        principal: { type: 'User', arn: p.arn, accountId: p.accountId },
        ...(p.userName !== undefined ? { userName: p.userName } : {}),
        tags: user?.tags ?? {},
      };
    }
    case 'Root':
      return { ...base, principal: { type: 'Root', arn: p.arn, accountId: p.accountId }, tags: {} };
    case 'FederatedUser':
      return { ...base, principal: { type: 'FederatedUser', arn: p.arn, accountId: p.accountId }, tags: claims.tags ?? {} };
    default: {
      const never: never = p.type;
      return never;
    }
  }
}
