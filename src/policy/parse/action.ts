// The Action / NotAction element.
// IAM User Guide, "IAM JSON policy elements: Action" and "Grammar of the IAM JSON policy language"
// (action_string: "a service namespace, a colon, and the name of an action", wildcards allowed).
// IAM checks only the shape: unknown services and action names are stored as written (another part of
// podiam reports them as findings). The texts are IAM's own (observed IAM API behaviour):
//   "s3ListBucket"       -> Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.
//   "s3:List:Bucket"     -> Actions/Condition can contain only one colon.
//   "a a:ListBucket"     -> Vendor a a is not valid   (vendor characters: letters, digits, '-', '.')
//   "iam: asdf safdsf af " is accepted.

import type { ErrorCollector } from './error-collector.ts';
import type { ErrorPlace } from './errors.ts';
import { hasPolicyVariable, VARIABLE_IN_ELEMENT_MESSAGE } from './policy-variables.ts';

const VENDOR = /^[A-Za-z0-9.-]*$/;

// Role trust policies: "AssumeRole policy may only specify STS AssumeRole actions." The actions a trust
// policy grants are the ones STS checks against the role being assumed (IAM User Guide, "Passing session
// tags in AWS STS" for sts:TagSession, "Monitor and control actions taken with assumed roles" for
// sts:SetSourceIdentity, and sts:SetContext for trusted identity propagation). IAM refuses wildcards here
// too, "sts:*" included, so only these names (in any letter case) pass.
const TRUST_ACTIONS: ReadonlySet<string> = new Set(
  [
    'sts:AssumeRole',
    'sts:AssumeRoleWithSAML',
    'sts:AssumeRoleWithWebIdentity',
    'sts:TagSession',
    'sts:SetSourceIdentity',
    'sts:SetContext',
  ].map((action) => action.toLowerCase()),
);

/** IAM's text for a trust policy that grants anything but the STS role-assumption actions. */
export const TRUST_ACTION_MESSAGE = 'AssumeRole policy may only specify STS AssumeRole actions.';

/** Checks one action string; reports what is wrong with it. `variables`: the policy substitutes ${...} (2012-10-17). */
export function checkAction(
  action: string,
  trustPolicy: boolean,
  variables: boolean,
  errors: ErrorCollector,
  place: ErrorPlace,
): void {
  const detailed = { ...place, detail: action };
  const parts = action.split(':');
  const vendor = parts[0] ?? '';
  if (parts.length === 1 && action !== '*') {
    errors.reject(
      'ACTION_MISSING_VENDOR',
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
      detailed,
    );
    return;
  }
  if (parts.length > 2) {
    errors.reject('ACTION_TOO_MANY_COLONS', 'Actions/Condition can contain only one colon.', detailed);
    return;
  }
  if (vendor !== '*' && !VENDOR.test(vendor)) {
    errors.reject('ACTION_INVALID_VENDOR', `Vendor ${vendor} is not valid`, detailed);
    return;
  }
  if (variables && hasPolicyVariable(action)) {
    errors.refuse('VARIABLE_NOT_SUPPORTED_IN_ELEMENT', VARIABLE_IN_ELEMENT_MESSAGE, detailed);
    return;
  }
  if (trustPolicy && !TRUST_ACTIONS.has(action.toLowerCase())) {
    errors.reject('TRUST_POLICY_ACTION', TRUST_ACTION_MESSAGE, detailed);
  }
}
