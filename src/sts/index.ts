// STS on AWS's Query protocol: temporary credentials for roles and sessions.
import { serviceDefinition, type ServiceDefinition } from '../api/index.ts';
import type { WebIdentityVerifier } from '../oidc/index.ts';
import { assumeRole } from './assume-role.ts';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.ts';
import { getAccessKeyInfo } from './get-access-key-info.ts';
import { getCallerIdentity } from './get-caller-identity.ts';
import { getSessionToken } from './get-session-token.ts';
import { RoleUseRecorder } from './role-last-used.ts';
import { VerifiedTokenCache } from './verified-token-cache.ts';

/** What the STS service is built from. */
export interface StsServiceDeps {
  /** Verifies web identity tokens; one per server, so that issuer keys are fetched once and cached. */
  readonly verifier: Pick<WebIdentityVerifier, 'verify'>;
  /** Where failures of background writes (RoleLastUsed) are reported. */
  readonly onBackgroundError?: (err: unknown) => void;
}

/** The STS service. */
export function createStsService(deps: StsServiceDeps): ServiceDefinition {
  const roleUse = new RoleUseRecorder(deps.onBackgroundError);
  return serviceDefinition({
    signingName: 'sts',
    eventSource: 'sts.amazonaws.com',
    protocol: 'query',
    operations: [
      getCallerIdentity,
      assumeRole({ roleUse }),
      assumeRoleWithWebIdentity({ tokens: new VerifiedTokenCache(deps.verifier), roleUse }),
      getSessionToken,
      getAccessKeyInfo,
    ],
  });
}

export { accessKeyIdForAccount, accountOfAccessKeyId } from './access-key-account.ts';
