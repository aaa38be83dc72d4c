// Organizations' errors with the texts AWS answers (Organizations API Reference, each action's "Errors";
// texts as AWS sends them where they are on record, e.g. "This operation can be performed only for
// enabled policy types."). ConstraintViolationException and InvalidInputException carry a `Reason`.
import { awsError, type AwsError } from '../aws/index.ts';

/** ConstraintViolationException reasons podiam gives (ConstraintViolationException, "Reason"). */
export type ConstraintReason =
  | 'POLICY_CONTENT_LIMIT_EXCEEDED'
  | 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED'
  | 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED';

const CONSTRAINT_MESSAGES: Readonly<Record<ConstraintReason, string>> = {
  POLICY_CONTENT_LIMIT_EXCEEDED: 'You have exceeded the maximum policy size.',
  MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED:
    'You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.',
  MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED:
    'You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.',
};

/** The account is in no organization. */
export const notInUse = (): AwsError => awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');

/** IAM refused the call, or the caller's account is not the management account. */
export const accessDenied = (detail?: string): AwsError =>
  awsError('AccessDeniedException', "You don't have permissions to access this resource.", detail === undefined ? undefined : { detail });

export const alreadyInOrganization = (): AwsError => awsError('AlreadyInOrganizationException', 'The AWS account is already a member of an organization.');
export const accountNotFound = (): AwsError => awsError('AccountNotFoundException', "You specified an account that doesn't exist.");
export const rootNotFound = (): AwsError => awsError('RootNotFoundException', "You specified a root that doesn't exist.");
export const targetNotFound = (): AwsError => awsError('TargetNotFoundException', "You specified a target that doesn't exist.");
export const policyNotFound = (): AwsError => awsError('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");
export const createAccountStatusNotFound = (): AwsError =>
  awsError('CreateAccountStatusNotFoundException', "We can't find an create account request with the CreateAccountRequestId that you specified.");
export const duplicatePolicy = (): AwsError => awsError('DuplicatePolicyException', 'A policy with the same name already exists.');
export const duplicatePolicyAttachment = (): AwsError =>
  awsError('DuplicatePolicyAttachmentException', 'A policy with the specified name and type already exists.');
export const policyNotAttached = (): AwsError =>
  awsError('PolicyNotAttachedException', "The policy isn't attached to the specified target in the specified root.");
export const policyInUse = (): AwsError =>
  awsError(
    'PolicyInUseException',
    'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.',
  );
export const policyTypeNotEnabled = (): AwsError => awsError('PolicyTypeNotEnabledException', 'This operation can be performed only for enabled policy types.');
export const policyTypeAlreadyEnabled = (): AwsError => awsError('PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled.');
export const policyTypeNotAvailable = (): AwsError =>
  awsError(
    'PolicyTypeNotAvailableForOrganizationException',
    "You can't use the specified policy type with the feature set currently enabled for this organization.",
  );

/** A ConstraintViolationException with its Reason. */
export function constraintViolation(reason: ConstraintReason, detail?: string): AwsError {
  return awsError('ConstraintViolationException', CONSTRAINT_MESSAGES[reason], { fields: { Reason: reason }, ...(detail !== undefined ? { detail } : {}) });
}

/** An InvalidInputException for a pagination token this service did not issue. */
export const invalidNextToken = (): AwsError =>
  awsError('InvalidInputException', 'You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.', {
    fields: { Reason: 'INVALID_PAGINATION_TOKEN' },
  });

/** An InvalidInputException for a policy type podiam does not implement. */
export const unsupportedPolicyType = (type: string): AwsError =>
  awsError('InvalidInputException', 'You specified an invalid policy type string.', {
    fields: { Reason: 'INVALID_ENUM_POLICY_TYPE' },
    detail: `podiam implements SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY, not ${type}`,
  });
