// The Resource / NotResource element.
// IAM User Guide, "IAM JSON policy elements: Resource": `*` or an ARN
// (arn:partition:service:region:account-id:resource, wildcards allowed in every field).
// IAM's checks and texts (observed IAM API behaviour; the first field is not read):
//   "invalid resource"               -> Resource invalid resource must be in ARN format or "*".
//   "a:b:cadfsdf"                    -> Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".
//   "arn:aws"                        -> Resource vendor must be fully qualified and cannot contain regexes.
//   "arn:aws:s3:us-east-1::bucket"   -> Resource arn:aws:s3:us-east-1::bucket can not contain region information.
//   "arn:aws:iam:us-east-1::x"       -> IAM resource arn:aws:iam:us-east-1::x cannot contain region information.
//   "arn:aws:iam::123456789012:x"    -> IAM resource path must either be "*", root, or start with user/, ...
//   "arn:aws:s3::bucket"             -> The policy failed legacy parsing  (fewer than five colons with "::",
//                                       or an empty service field)
//   "arn:aws:fdsasf"                 is accepted.

import { isPartition } from '../arn.ts';
import type { ErrorCollector } from './error-collector.ts';
import { LEGACY_PARSE_MESSAGE, type ErrorPlace } from './errors.ts';
import { VARIABLE_IN_ELEMENT_MESSAGE } from './policy-variables.ts';

const IAM_RESOURCE_PREFIXES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

const IAM_PATH_MESSAGE = `IAM resource path must either be "*", root, or start with ${IAM_RESOURCE_PREFIXES.join(', ')}.`;

/** Checks one resource string; reports what is wrong with it. `variables`: the policy substitutes ${...} (2012-10-17). */
export function checkResource(resource: string, variables: boolean, errors: ErrorCollector, place: ErrorPlace): void {
  const detailed = { ...place, detail: resource };
  const problem = formatProblem(resource);
  if (problem !== undefined) {
    errors.reject(problem.issue, problem.message, detailed);
    return;
  }
  if (failsLegacyParse(resource)) {
    errors.reject('RESOURCE_LEGACY_PARSE', LEGACY_PARSE_MESSAGE, detailed);
    return;
  }
  // "You can't use a variable to replace parts of the ARN before the fifth colon." Under 2008-10-17 the
  // text is literal, as IAM documents, so only a 2012-10-17 policy has variables to misplace.
  const variable = resource.indexOf('${');
  if (variables && variable >= 0 && variable < nthColon(resource, 5)) {
    errors.refuse('VARIABLE_NOT_SUPPORTED_IN_ELEMENT', VARIABLE_IN_ELEMENT_MESSAGE, detailed);
  }
}

type Problem = {
  readonly issue:
    | 'RESOURCE_NOT_ARN'
    | 'RESOURCE_INVALID_PARTITION'
    | 'RESOURCE_VENDOR_NOT_QUALIFIED'
    | 'RESOURCE_REGION_NOT_ALLOWED'
    | 'RESOURCE_INVALID_IAM_PATH';
  readonly message: string;
};

function formatProblem(resource: string): Problem | undefined {
  if (resource === '*') return undefined;
  const c1 = resource.indexOf(':');
  if (c1 < 0) return { issue: 'RESOURCE_NOT_ARN', message: `Resource ${resource} must be in ARN format or "*".` };
  const c2 = resource.indexOf(':', c1 + 1);
  const partition = c2 < 0 ? resource.slice(c1 + 1) : resource.slice(c1 + 1, c2);
  if (partition !== '*' && !isPartition(partition)) {
    return { issue: 'RESOURCE_INVALID_PARTITION', message: partitionMessage(partition, c2 < 0 ? '' : resource.slice(c2 + 1)) };
  }
  if (c2 < 0) {
    return {
      issue: 'RESOURCE_VENDOR_NOT_QUALIFIED',
      message: 'Resource vendor must be fully qualified and cannot contain regexes.',
    };
  }
  const c3 = resource.indexOf(':', c2 + 1);
  const service = c3 < 0 ? resource.slice(c2 + 1) : resource.slice(c2 + 1, c3);
  const c4 = c3 < 0 ? -1 : resource.indexOf(':', c3 + 1);
  const region = c3 < 0 ? '' : c4 < 0 ? resource.slice(c3 + 1) : resource.slice(c3 + 1, c4);
  const c5 = c4 < 0 ? -1 : resource.indexOf(':', c4 + 1);
  const account = c4 < 0 ? '' : c5 < 0 ? resource.slice(c4 + 1) : resource.slice(c4 + 1, c5);
  const rest = c5 < 0 ? '' : resource.slice(c5 + 1);
  // IAM ARNs are global; S3 bucket and object ARNs name neither Region nor account (S3 access points,
  // jobs and Storage Lens ARNs, which do, carry an account).
  const regionGiven = c3 < 0 || region !== '';
  if (service === 'iam' && regionGiven) {
    return { issue: 'RESOURCE_REGION_NOT_ALLOWED', message: `IAM resource ${resource} cannot contain region information.` };
  }
  if (service === 's3' && regionGiven && account === '') {
    return { issue: 'RESOURCE_REGION_NOT_ALLOWED', message: `Resource ${resource} can not contain region information.` };
  }
  if (service === 'iam' && rest !== '*' && rest !== 'root' && !IAM_RESOURCE_PREFIXES.some((p) => rest.startsWith(p))) {
    return { issue: 'RESOURCE_INVALID_IAM_PATH', message: IAM_PATH_MESSAGE };
  }
  return undefined;
}

/** IAM's partition message: the fields after the partition, `*` standing in for missing ones. */
function partitionMessage(partition: string, afterPartition: string): string {
  const fields = afterPartition.split(':');
  const first = fields[0] !== '' || fields.length > 1 ? (fields[0] ?? '*') : '*';
  const second = fields[1] ?? '*';
  const third = fields[2] ?? '*';
  const rest = fields.length > 3 ? fields.slice(3).join(':') : '*';
  return `Partition "${partition}" is not valid for resource "arn:${partition}:${first}:${second}:${third}:${rest}".`;
}

/** IAM's legacy parser: a resource with "::" needs all five colons, and the service field must not be empty. */
function failsLegacyParse(resource: string): boolean {
  if (resource === '*') return false;
  if (nthColon(resource, 5) === resource.length && resource.includes('::')) return true;
  const c2 = resource.indexOf(':', resource.indexOf(':') + 1);
  return c2 >= 0 && (resource.length === c2 + 1 || resource.charCodeAt(c2 + 1) === 58);
}

/** Index of the n-th colon, or the text's length when it has fewer. */
function nthColon(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(':', at + 1);
    if (at < 0) return text.length;
  }
  return at;
}
