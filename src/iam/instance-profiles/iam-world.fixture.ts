// Test support: IAM operations run in process (see src/api/testing/service-world.ts), with input
// written as Query parameters the way botocore writes them, in a store with two accounts.
import { rootOf, serviceWorld, type Outcome, type ServiceWorld } from '../../api/testing/service-world.ts';
import { createIamService } from '../index.ts';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';

export { rootOf, type Outcome };
export type IamWorld = ServiceWorld;

export function iamWorld(): Promise<IamWorld> {
  return serviceWorld({ service: createIamService(), accounts: [ACCOUNT, OTHER_ACCOUNT], protocol: 'query' });
}
