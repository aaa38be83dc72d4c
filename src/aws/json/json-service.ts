// The JSON 1.1 services podiam serves (the `targetPrefix` of each botocore service model).

/** Organizations: `X-Amz-Target: AWSOrganizationsV20161128.{Operation}`. */
export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128';
