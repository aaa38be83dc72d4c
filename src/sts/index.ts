// STS on AWS's Query protocol: temporary credentials for roles and sessions.
import { serviceDefinition, type ServiceDefinition } from '../api/index.ts';
import { getCallerIdentity } from './get-caller-identity.ts';

/** The STS service. */
export function createStsService(): ServiceDefinition {
  return serviceDefinition({ signingName: 'sts', eventSource: 'sts.amazonaws.com', protocol: 'query', operations: [getCallerIdentity] });
}
