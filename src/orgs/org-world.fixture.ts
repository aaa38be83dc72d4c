// Test support: Organizations operations run in process (see src/api/testing/service-world.ts), in a
// store with a management account and a standalone account.
import { rootOf, serviceWorld, type Outcome, type ServiceWorld } from '../api/testing/service-world.ts';
import { createOrganizationsService } from './index.ts';

export const MANAGEMENT = '111111111111';
export const STANDALONE = '999999999999';

export { rootOf, type Outcome };
export type OrgWorld = ServiceWorld;

export function orgWorld(): Promise<OrgWorld> {
  return serviceWorld({ service: createOrganizationsService(), accounts: [MANAGEMENT, STANDALONE], protocol: 'json' });
}
