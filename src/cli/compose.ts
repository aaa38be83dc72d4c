// Composition: which services, doors and recorders make up a podiam server.
import { createAuditRecorder } from '../audit/index.ts';
import { clusterIssuerDoor, createClustersService } from '../clusters/index.ts';
import { createIamService, seedAwsManagedPolicies } from '../iam/index.ts';
import { createIssuerFetch, WebIdentityVerifier } from '../oidc/index.ts';
import { createOrganizationsService } from '../orgs/index.ts';
import { createS3Door } from '../s3/index.ts';
import type { ServerParts } from '../server/index.ts';
import { createStsService } from '../sts/index.ts';

/** The parts of the full podiam server. */
export function composeServer(): ServerParts {
  return {
    init: ({ store }) => seedAwsManagedPolicies(store),
    services: ({ logger }) => [
      createIamService(),
      createStsService({
        verifier: new WebIdentityVerifier({ fetch: createIssuerFetch(), now: () => Date.now(), logger }),
        onBackgroundError: (err) => logger.warn({ err }, 'recording role use failed'),
      }),
      createClustersService(),
      createOrganizationsService(),
    ],
    recorder: ({ store, logger, storeOptions }) => createAuditRecorder({ store, logger, storeOptions }),
    extraDoors: (deps) => [clusterIssuerDoor(deps.store, deps.holder), createS3Door(deps)],
  };
}
