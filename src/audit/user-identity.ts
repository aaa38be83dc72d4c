// The `userIdentity` element of an event, from the caller the server authenticated (AWS CloudTrail User
// Guide, "CloudTrail userIdentity element"): long-term keys give Root or IAMUser; temporary credentials
// add a `sessionContext` with the issuer (the role for role sessions), the web identity provider for
// sessions from AssumeRoleWithWebIdentity, the creation date, MFA, and the source identity.
import type { AuditNotes } from '../api/index.ts';
import type { Caller, SessionClaims } from '../identity/index.ts';
import { cloudTrailTime, type SessionContext, type UserIdentity } from './cloudtrail-event.ts';

/** The `userIdentity` of a call: its caller's, or for unsigned calls what the operation noted. */
export function userIdentityOf(caller: Caller | undefined, notes: AuditNotes): UserIdentity {
  if (caller === undefined) return unsignedIdentity(notes);
  const p = caller.principal;
  const base = {
    ...(p.accountId !== undefined ? { accountId: p.accountId } : {}),
    accessKeyId: caller.accessKeyId,
  };
  const session = caller.session;
  switch (p.type) {
    case 'Root':
      return {
        type: 'Root',
        principalId: caller.userId,
        arn: p.arn,
        ...base,
        ...(session !== undefined ? { sessionContext: sessionContextOf(session, {}) } : {}),
      };
    case 'User':
      return {
        type: 'IAMUser',
        principalId: caller.userId,
        arn: p.arn,
        ...base,
        ...(caller.userName !== undefined ? { userName: caller.userName } : {}),
        ...(session !== undefined ? { sessionContext: sessionContextOf(session, {}) } : {}),
      };
    case 'AssumedRole': {
      const roleArn = caller.roleArn ?? session?.p.roleArn;
      const issuer =
        roleArn === undefined
          ? {}
          : {
              type: 'Role' as const,
              ...(session?.p.roleId !== undefined ? { principalId: session.p.roleId } : {}),
              arn: roleArn,
              ...(p.accountId !== undefined ? { accountId: p.accountId } : {}),
              userName: roleArn.slice(roleArn.lastIndexOf('/') + 1),
            };
      return {
        type: 'AssumedRole',
        principalId: caller.userId,
        arn: p.arn,
        ...base,
        ...(session !== undefined ? { sessionContext: sessionContextOf(session, issuer) } : {}),
      };
    }
    case 'FederatedUser':
      return {
        type: 'FederatedUser',
        principalId: caller.userId,
        arn: p.arn,
        ...base,
        ...(session !== undefined ? { sessionContext: sessionContextOf(session, {}) } : {}),
      };
    case 'WebIdentity':
      return { type: 'WebIdentityUser', principalId: caller.userId, ...(p.federatedProvider !== undefined ? { identityProvider: p.federatedProvider } : {}) };
    case 'SAML':
      return { type: 'SAMLUser', principalId: caller.userId, ...(p.federatedProvider !== undefined ? { identityProvider: p.federatedProvider } : {}) };
    case 'Service':
      return { type: 'AWSService', ...(p.servicePrincipal !== undefined ? { invokedBy: p.servicePrincipal } : {}) };
    case 'Anonymous':
      return { type: 'Unknown' };
    default: {
      const never: never = p.type;
      return never;
    }
  }
}

function sessionContextOf(session: SessionClaims, issuer: SessionContext['sessionIssuer']): SessionContext {
  return {
    sessionIssuer: issuer,
    webIdFederationData: session.web !== undefined ? { federatedProvider: session.web.provider, attributes: {} } : {},
    attributes: { creationDate: cloudTrailTime(new Date(session.iat * 1000)), mfaAuthenticated: session.mfa === true ? 'true' : 'false' },
    ...(session.si !== undefined ? { sourceIdentity: session.si } : {}),
  };
}

// Unsigned calls (AssumeRoleWithWebIdentity, AssumeRoleWithSAML) carry no credentials: the operation
// notes the WebIdentityUser it verified; a call refused before that is of an identity CloudTrail cannot
// determine.
function unsignedIdentity(notes: AuditNotes): UserIdentity {
  const noted = notes.userIdentity;
  if (noted === undefined || typeof noted['type'] !== 'string') return { type: 'Unknown' };
  return noted as unknown as UserIdentity;
}
