// The issues the analyzer reports: Access Analyzer's issue codes, finding types and finding details,
// as the IAM User Guide's "IAM policy validation check reference" lists them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
// `{{name}}` marks a value filled in per finding. Entries marked `podiam` are podiam's own checks,
// which go further than Access Analyzer; they say so and link to the AWS page for the rule they enforce.
import type { Finding, FindingType, Location } from './finding.ts';

interface IssueDefinition {
  readonly type: FindingType;
  /** The check's anchor on the reference page (`access-analyzer-reference-policy-checks-<anchor>`). */
  readonly anchor?: string;
  /** For podiam's own checks: the AWS page that states the rule. */
  readonly link?: string;
  readonly podiam?: true;
  readonly details: string;
}

const REFERENCE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';
const SERVICE_AUTHORIZATION =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

export const ISSUES = {
  // Errors. The syntax errors come from the parser (see syntax-findings.ts).
  JSON_SYNTAX_ERROR: {
    type: 'ERROR',
    anchor: 'error-json-syntax-error',
    details: 'Fix the JSON syntax error.',
  },
  DATA_TYPE_MISMATCH: {
    type: 'ERROR',
    anchor: 'error-data-type-mismatch',
    details: 'The text does not match the expected JSON data type {{data_type}}.',
  },
  INVALID_POLICY_ELEMENT: {
    type: 'ERROR',
    anchor: 'error-invalid-policy-element',
    details: 'The policy element {{element}} is not valid.',
  },
  INVALID_VERSION: {
    type: 'ERROR',
    anchor: 'error-invalid-version',
    details: 'The version {{version}} is not valid. Use one of the following versions: {{versions}}',
  },
  MISSING_STATEMENT: {
    type: 'ERROR',
    anchor: 'error-missing-statement',
    details: 'Add a statement to the policy',
  },
  MISSING_EFFECT: {
    type: 'ERROR',
    anchor: 'error-missing-effect',
    details: 'Add an Effect element to the policy statement with a value of Allow or Deny.',
  },
  INVALID_EFFECT: {
    type: 'ERROR',
    anchor: 'error-invalid-effect',
    details: 'The effect {{effect}} is not valid. Use Allow or Deny.',
  },
  MISSING_ACTION: {
    type: 'ERROR',
    anchor: 'error-missing-action',
    details: 'Add an Action or NotAction element to the policy statement.',
  },
  UNSUPPORTED_ELEMENT_COMBINATION: {
    type: 'ERROR',
    anchor: 'error-unsupported-element-combination',
    details:
      'The policy elements {{element1}} and {{element2}} can not be used in the same statement. Remove one of these elements.',
  },
  INVALID_PRINCIPAL_FORMAT: {
    type: 'ERROR',
    anchor: 'error-invalid-principal-format',
    details: 'The Principal element contents are not valid. Specify a key-value pair in the Principal element.',
  },
  ARN_ACCOUNT_NOT_ALLOWED: {
    type: 'ERROR',
    anchor: 'error-arn-account-not-allowed',
    details: 'The service {{service}} does not support specifying an account ID in the resource ARN.',
  },
  ARN_REGION_NOT_ALLOWED: {
    type: 'ERROR',
    anchor: 'error-arn-region-not-allowed',
    details: 'The service {{service}} does not support specifying a Region in the resource ARN.',
  },
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: {
    type: 'ERROR',
    anchor: 'error-duplicate-keys-with-different-case',
    details:
      'The condition key {{key}} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.',
  },
  INVALID_ACTION: {
    type: 'ERROR',
    anchor: 'error-invalid-action',
    details: 'The action {{action}} does not exist.{{suggestion}}',
  },
  INVALID_ARN_ACCOUNT: {
    type: 'ERROR',
    anchor: 'error-invalid-arn-account',
    details: 'The resource ARN account ID {{account}} is not valid. Provide a 12-digit account ID.',
  },
  INVALID_ARN_PREFIX: {
    type: 'ERROR',
    anchor: 'error-invalid-arn-prefix',
    details: 'Add the required prefix (arn) to the resource ARN.',
  },
  INVALID_ARN_REGION: {
    type: 'ERROR',
    anchor: 'error-invalid-arn-region',
    details: 'The Region {{region}} is not valid for this resource. Update the resource ARN to include a supported Region.',
  },
  INVALID_ARN_RESOURCE: {
    type: 'ERROR',
    anchor: 'error-invalid-arn-resource',
    details: 'Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.',
  },
  INVALID_ARN_SERVICE_CASE: {
    type: 'ERROR',
    anchor: 'error-invalid-arn-service-case',
    details: 'Update the service name {{service}} in the resource ARN to use all lowercase letters.',
  },
  INVALID_CONDITION_KEY_FORMAT: {
    type: 'ERROR',
    anchor: 'error-invalid-condition-key-format',
    details: 'The condition key format is not valid. Use the format service:keyname.',
  },
  INVALID_CONDITION_MULTIPLE_BOOLEAN: {
    type: 'ERROR',
    anchor: 'error-invalid-condition-multiple-boolean',
    details: 'The condition key does not support multiple Boolean values. Use a single Boolean value.',
  },
  INVALID_CONDITION_OPERATOR: {
    type: 'ERROR',
    anchor: 'error-invalid-condition-operator',
    details: 'The condition operator {{operator}} is not valid. Use a valid condition operator.',
  },
  INVALID_GLOBAL_CONDITION_KEY: {
    type: 'ERROR',
    anchor: 'error-invalid-global-condition-key',
    details: 'The condition key {{key}} does not exist. Use a valid condition key.',
  },
  INVALID_PARTITION: {
    type: 'ERROR',
    anchor: 'error-invalid-partition',
    details:
      'The resource ARN for the service {{service}} does not support the partition {{partition}}. Use the supported values: {{partitions}}',
  },
  INVALID_SERVICE: {
    type: 'ERROR',
    anchor: 'error-invalid-service',
    details: 'The service {{service}} does not exist. Use a valid service name.',
  },
  INVALID_SERVICE_CONDITION_KEY: {
    type: 'ERROR',
    anchor: 'error-invalid-service-condition-key',
    details: 'The condition key {{key}} does not exist in the service {{service}}. Use a valid condition key.',
  },
  INVALID_SERVICE_IN_ACTION: {
    type: 'ERROR',
    anchor: 'error-invalid-service-in-action',
    details: 'The service {{service}} specified in the action does not exist.{{suggestion}}',
  },
  INVALID_VARIABLE_FOR_OPERATOR: {
    type: 'ERROR',
    anchor: 'error-invalid-variable-for-operator',
    details: 'Policy variables can only be used with String and ARN operators.',
  },
  MISSING_ARN_ACCOUNT: {
    type: 'ERROR',
    anchor: 'error-missing-arn-account',
    details: 'The resource {{resourceName}} in the arn is missing an account id. Please provide a 12 digit account id.',
  },
  MISSING_ARN_FIELD: {
    type: 'ERROR',
    anchor: 'error-missing-arn-field',
    details:
      'Resource ARNs must include at least {{fields}} fields in the following structure: arn:partition:service:region:account:resource',
  },
  MISSING_ARN_REGION: {
    type: 'ERROR',
    anchor: 'error-missing-arn-region',
    details: 'Add a Region to the {{service}} resource ARN.',
  },
  MISSING_PRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-missing-principal',
    details: 'Add a Principal element to the policy statement.',
  },
  MISSING_QUALIFIER: {
    type: 'ERROR',
    anchor: 'error-missing-qualifier',
    details:
      'The request context key {{key}} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.',
  },
  MISSING_RESOURCE: {
    type: 'ERROR',
    anchor: 'error-missing-resource',
    details: 'Add a Resource or NotResource element to the policy statement.',
  },
  NULL_WITH_IF_EXISTS: {
    type: 'ERROR',
    anchor: 'error-null-with-if-exists',
    details: 'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.',
  },
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: {
    type: 'ERROR',
    anchor: 'error-scp-syntax-error-action-wildcard',
    details: 'SCP actions can include wildcards (*) only at the end of a string. Update {{action}}.',
  },
  SCP_SYNTAX_ERROR_PRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-scp-syntax-error-principal',
    details: 'SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.',
  },
  UNIQUE_SIDS_REQUIRED: {
    type: 'ERROR',
    anchor: 'error-unique-sids-required',
    details: 'Duplicate statement IDs are not supported for this policy type. Update the Sid value.',
  },
  UNSUPPORTED_GLOBAL_CONDITION_KEY: {
    type: 'ERROR',
    anchor: 'error-unsupported-global-condition-key',
    details: 'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.',
  },
  UNSUPPORTED_PRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-unsupported-principal',
    details: 'The policy type {{policy_type}} does not support the Principal element. Remove the Principal element.',
  },
  UNSUPPORTED_SID: {
    type: 'ERROR',
    anchor: 'error-unsupported-sid',
    details: 'Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]',
  },
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-unsupported-wildcard-in-principal',
    details:
      'Wildcards (*, ?) are not supported with the principal key {{principal_key}}. Replace the wildcard with a valid principal value.',
  },
  MISSING_BRACE_IN_VARIABLE: {
    type: 'ERROR',
    anchor: 'error-missing-brace-in-variable',
    details: 'The policy variable is missing a closing curly brace. Add } after the variable text.',
  },
  MISSING_QUOTE_IN_VARIABLE: {
    type: 'ERROR',
    anchor: 'error-missing-quote-in-variable',
    details: 'The policy variable default value must begin and end with a single quote. Add the missing quote.',
  },
  UNSUPPORTED_SPACE_IN_VARIABLE: {
    type: 'ERROR',
    anchor: 'error-unsupported-space-in-variable',
    details: 'A space is not supported within the policy variable text. Remove the space.',
  },
  EMPTY_VARIABLE: {
    type: 'ERROR',
    anchor: 'error-empty-variable',
    details: 'Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure.',
  },
  VARIABLE_UNSUPPORTED_IN_ELEMENT: {
    type: 'ERROR',
    anchor: 'error-variable-unsupported-in-element',
    details:
      'Policy variables are supported in the Resource and Condition elements. Remove the policy variable {{variable}} from this element.',
  },
  VARIABLE_UNSUPPORTED_IN_VERSION: {
    type: 'ERROR',
    anchor: 'error-variable-unsupported-in-version',
    details: 'To include variables in your policy, use the policy version 2012-10-17 or later.',
  },
  PRIVATE_IP_ADDRESS: {
    type: 'ERROR',
    anchor: 'error-private-ip-address',
    details:
      'aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.',
  },
  PRIVATE_NOT_IP_ADDRESS: {
    type: 'ERROR',
    anchor: 'error-private-not-ip-address',
    details:
      'The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.',
  },
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: {
    type: 'ERROR',
    anchor: 'error-policy-size-exceeds-scp-quota',
    details:
      'The {{policySize}} characters in the service control policy (SCP) exceed the {{policySizeQuota}} character maximum for SCPs. We recommend that you use multiple granular policies.',
  },
  INVALID_SERVICE_PRINCIPAL_FORMAT: {
    type: 'ERROR',
    anchor: 'error-invalid-service-principal-format',
    details: 'The service principal does not match the expected format. Use the format {{expectedFormat}}.',
  },
  MISSING_TAG_KEY_IN_CONDITION: {
    type: 'ERROR',
    anchor: 'error-missing-tag-key-in-condition',
    details:
      'The condition key {{conditionKeyName}} must include a tag key to control access based on tags. Use the format {{conditionKeyName}}tag-key and specify a key name for tag-key.',
  },
  INVALID_VPC_FORMAT: {
    type: 'ERROR',
    anchor: 'error-invalid-vpc-format',
    details:
      "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters.",
  },
  INVALID_VPCE_FORMAT: {
    type: 'ERROR',
    anchor: 'error-invalid-vpce-format',
    details:
      "The VPCE identifier in the condition key value is not valid.  Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters.",
  },
  FEDERATED_PRINCIPAL_NOT_SUPPORTED: {
    type: 'ERROR',
    anchor: 'error-federated-principal-not-supported',
    details:
      'The policy type does not support a federated identity provider in the principal element. Use a supported principal.',
  },
  UNSUPPORTED_ACTION_FOR_CONDITION_KEY: {
    type: 'ERROR',
    anchor: 'error-unsupported-action-for-condition-key',
    details:
      'The following actions: {{actions}} are not supported by the condition key {{key}}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.',
  },
  ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-role-trust-policy-syntax-error-notprincipal',
    details: 'Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.',
  },
  ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-role-trust-policy-unsupported-wildcard-in-principal',
    details:
      '"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.',
  },
  ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: {
    type: 'ERROR',
    anchor: 'error-role-trust-policy-syntax-error-resource',
    details:
      'Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.',
  },
  TYPE_MISMATCH_IP_RANGE: {
    type: 'ERROR',
    anchor: 'error-type-mismatch-ip-range',
    details:
      'The condition operator {{operator}} is used with an invalid IP range value. Specify the IP range in standard CIDR format.',
  },
  MISSING_ACTION_FOR_CONDITION_KEY: {
    type: 'ERROR',
    anchor: 'error-missing-action-for-condition-key',
    details:
      'The {{actionName}} action must be in the action block to allow setting values for the condition key {{keyName}}. Add {{actionName}} to the action block.',
  },
  INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: {
    type: 'ERROR',
    anchor: 'error-invalid-federated-principal-syntax-in-role-trust-policy',
    details:
      'The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.',
  },
  MISMATCHED_ACTION_FOR_PRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-mismatched-action-for-principal',
    details:
      'The {{actionName}} action is invalid with the following principal(s): {{principalNames}}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.',
  },
  MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY: {
    type: 'ERROR',
    anchor: 'error-missing-action-for-roles-anywhere-trust-policy',
    details:
      'The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy.',
  },
  POLICY_SIZE_EXCEEDS_RCP_QUOTA: {
    type: 'ERROR',
    anchor: 'error-policy-size-exceeds-rcp-quota',
    details:
      'The {{policySize}} characters in the resource control policy (RCP) exceed the {{policySizeQuota}} character maximum for RCPs. We recommend that you use multiple granular policies.',
  },
  RCP_SYNTAX_ERROR_PRINCIPAL: {
    type: 'ERROR',
    anchor: 'error-rcp-syntax-error-principal',
    details:
      'The Principal element contents are not valid. RCPs only support specifying all principals ("*") in the Principal element. The NotPrincipal element is not supported for RCPs.',
  },
  RCP_SYNTAX_ERROR_ALLOW: {
    type: 'ERROR',
    anchor: 'error-rcp-syntax-error-allow',
    details:
      'RCPs only support specifying all principals ("*") in the Principal element, all resources ("*") in the Resource element, and no Condition element with an effect of Allow.',
  },
  RCP_SYNTAX_ERROR_NOTACTION: {
    type: 'ERROR',
    anchor: 'error-rcp-syntax-error-notaction',
    details: 'RCPs do not support the NotAction element. Update to use the Action element.',
  },
  RCP_SYNTAX_ERROR_ACTION: {
    type: 'ERROR',
    anchor: 'error-rcp-syntax-error-action',
    details: 'RCPs only support specifying select service prefixes in the Action element. Learn more here.',
  },
  VARIABLE_USAGE_TOO_PERMISSIVE: {
    type: 'ERROR',
    anchor: 'error-variable-usage-too-permissive',
    details: '{{message}}',
  },
  WILDCARD_USAGE_TOO_PERMISSIVE: {
    type: 'ERROR',
    anchor: 'error-wildcard-usage-too-permissive',
    details: '{{message}}',
  },

  // General warnings (the API's finding type WARNING).
  CREATE_SLR_WITH_NOT_RESOURCE: {
    type: 'WARNING',
    anchor: 'general-warning-create-slr-with-not-resource',
    details:
      'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.',
  },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: {
    type: 'WARNING',
    anchor: 'general-warning-create-slr-with-star-in-action-and-not-resource',
    details:
      'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  },
  CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE: {
    type: 'WARNING',
    anchor: 'general-warning-create-slr-with-not-action-and-not-resource',
    details:
      'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  },
  CREATE_SLR_WITH_STAR_IN_RESOURCE: {
    type: 'WARNING',
    anchor: 'general-warning-create-slr-with-star-in-resource',
    details:
      'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.',
  },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: {
    type: 'WARNING',
    anchor: 'general-warning-create-slr-with-star-in-action-and-resource',
    details:
      'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
  },
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: {
    type: 'WARNING',
    anchor: 'general-warning-create-slr-with-star-in-resource-and-not-action',
    details:
      'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
  },
  DEPRECATED_GLOBAL_CONDITION_KEY: {
    type: 'WARNING',
    anchor: 'general-warning-deprecated-global-condition-key',
    details: 'We recommend that you update aws:ARN to use the newer condition key aws:PrincipalArn.',
  },
  INVALID_DATE_VALUE: {
    type: 'WARNING',
    anchor: 'general-warning-invalid-date-value',
    details: 'The date {{date}} might not resolve as expected. We recommend that you use the YYYY-MM-DD format.',
  },
  INVALID_ROLE_REFERENCE: {
    type: 'WARNING',
    anchor: 'general-warning-invalid-role-reference',
    details: 'The Principal element includes the IAM role ID {{roleid}}. We recommend that you use a role ARN instead.',
  },
  INVALID_USER_REFERENCE: {
    type: 'WARNING',
    anchor: 'general-warning-invalid-user-reference',
    details: 'The Principal element includes the IAM user ID {{userid}}. We recommend that you use a user ARN instead.',
  },
  MISSING_VERSION: {
    type: 'WARNING',
    anchor: 'general-warning-missing-version',
    details: 'We recommend that you specify the Version element to help you with debugging permission issues.',
  },
  UNIQUE_SIDS_RECOMMENDED: {
    type: 'WARNING',
    anchor: 'general-warning-unique-sids-recommended',
    details: 'We recommend that you use statement IDs that are unique to your policy. Update the Sid value.',
  },
  WILDCARD_WITHOUT_LIKE_OPERATOR: {
    type: 'WARNING',
    anchor: 'general-warning-wildcard-without-like-operator',
    details:
      'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.',
  },
  POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: {
    type: 'WARNING',
    anchor: 'general-warning-policy-size-exceeds-identity-policy-quota',
    details:
      'The {{policySize}} characters in the identity policy, excluding whitespace, exceed the {{policySizeQuota}} character maximum for inline and managed policies. We recommend that you use multiple granular policies.',
  },
  POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA: {
    type: 'WARNING',
    anchor: 'general-warning-policy-size-exceeds-role-trust-policy-quota',
    details:
      'The characters in the role trust policy, excluding whitespace, exceed the character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning.',
  },
  TYPE_MISMATCH: {
    type: 'WARNING',
    anchor: 'general-warning-type-mismatch',
    details: 'Use the operator type {{allowed}} instead of operator {{operator}} for the condition key {{key}}.',
  },
  TYPE_MISMATCH_BOOLEAN: {
    type: 'WARNING',
    anchor: 'general-warning-type-mismatch-boolean',
    details: 'Add a valid Boolean value (true or false) for the condition operator {{operator}}.',
  },
  TYPE_MISMATCH_DATE: {
    type: 'WARNING',
    anchor: 'general-warning-type-mismatch-date',
    details:
      'The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.',
  },
  TYPE_MISMATCH_NUMBER: {
    type: 'WARNING',
    anchor: 'general-warning-type-mismatch-number',
    details: 'Add a valid numeric value for the condition operator {{operator}}.',
  },
  TYPE_MISMATCH_STRING: {
    type: 'WARNING',
    anchor: 'general-warning-type-mismatch-string',
    details: 'Add a valid base64-encoded string value for the condition operator {{operator}}.',
  },
  SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED: {
    type: 'WARNING',
    anchor: 'general-warning-specific-github-repo-and-branch-recommended',
    details:
      'Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key.',
  },
  RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY: {
    type: 'WARNING',
    anchor: 'general-warning-rcp-missing-related-principal-condition-key',
    details:
      'RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block "BoolIfExists": { "aws:PrincipalIsAWSService": "false"} whenever a principal key {{conditionKeyName}} is used.',
  },
  USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES: {
    type: 'WARNING',
    anchor: 'general-warning-use-condition-key-only-with-supported-services',
    details:
      'The condition key {{key}} works only with specific AWS services and must be scoped to supported services in your policies.',
  },

  // Security warnings.
  UNTRUSTWORTHY_CONDITION_KEY: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-untrustworthy-condition-key',
    details:
      'The {{key}} condition key is not recommended for access control as it can be spoofed/manipulated by the caller.',
  },
  ALLOW_WITH_NOT_PRINCIPAL: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-allow-with-not-principal',
    details: 'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.',
  },
  FORALLVALUES_WITH_SINGLE_VALUED_KEY: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-forallvalues-with-single-valued-key',
    details:
      'Using ForAllValues qualifier with the single-valued condition key {{key}} can be overly permissive. We recommend that you remove ForAllValues:.',
  },
  PASS_ROLE_WITH_NOT_RESOURCE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-pass-role-with-not-resource',
    details:
      'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-pass-role-with-star-in-action-and-not-resource',
    details:
      'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  },
  PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-pass-role-with-not-action-and-not-resource',
    details:
      'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.',
  },
  PASS_ROLE_WITH_STAR_IN_RESOURCE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-pass-role-with-star-in-resource',
    details:
      'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
  },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-pass-role-with-star-in-action-and-resource',
    details:
      'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
  },
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-pass-role-with-star-in-resource-and-not-action',
    details:
      'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
  },
  MISSING_PAIRED_CONDITION_KEYS: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-missing-paired-condition-keys',
    details:
      'Using the condition key {{conditionKeyName}} can be overly permissive without also using the following condition keys: {{recommendedKeys}}. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block.',
  },
  DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-deny-with-unsupported-tag-condition-key-for-service',
    details:
      'Using the effect Deny with the tag condition key {{conditionKeyName}} and actions for services with the following prefixes can be overly permissive: {{serviceNames}}. Actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key.',
  },
  DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-deny-notaction-with-unsupported-tag-condition-key-for-service',
    details:
      "Using the effect Deny with NotAction and the tag condition key {{conditionKeyName}} can be overly permissive because some service actions are not denied by this statement. This is because the condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction.",
  },
  RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-restrict-access-to-service-principal',
    details:
      'Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access.',
  },
  MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-missing-condition-key-for-oidc-principal',
    details:
      'Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role.',
  },
  MISSING_GITHUB_REPO_CONDITION_KEY: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-missing-github-repo-condition-key',
    details:
      'Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value.',
  },
  STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-string-like-operator-with-arn-condition-keys',
    details: 'Use the operator type {{allowed}} instead of operator {{operator}} for the condition key {{key}}.',
  },
  DYNAMODB_ATTRIBUTES_WITHOUT_SELECT: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-dynamodb-attributes-without-select',
    details:
      'Restricting dynamodb:Attributes without also setting dynamodb:Select to SPECIFIC_ATTRIBUTES allows all attributes to be returned on read requests that omit a projection expression. We recommend that you also set dynamodb:Select to SPECIFIC_ATTRIBUTES.',
  },
  S3_PREFIX_IN_NEGATIVE_CONTEXT: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-s3-prefix-in-negative-context',
    details:
      'Using the s3:prefix condition key in a Deny statement or with a negated string operator does not block listing the objects under the matching prefixes. A request that specifies a shorter prefix does not match the condition and can still list those objects. To restrict listing to specific prefixes, use s3:prefix with StringLike in an Allow statement, or use a Deny statement with StringNotLike.',
  },
  FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE: {
    type: 'SECURITY_WARNING',
    anchor: 'security-warning-foranyvalue-with-audience-claim-type',
    details:
      'Using ForAnyValue qualifier with the single-valued condition key {{key}} can be overly permissive. We recommend that you remove ForAnyValue:.',
  },

  // Suggestions.
  EMPTY_ARRAY_ACTION: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-array-action',
    details: 'This statement includes no actions and does not affect the policy. Specify actions.',
  },
  EMPTY_ARRAY_CONDITION: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-array-condition',
    details: 'There are no values for the condition key {{key}} and it does not affect the policy. Specify conditions.',
  },
  EMPTY_ARRAY_CONDITION_FORALLVALUES: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-array-condition-forallvalues',
    details:
      'The ForAllValues prefix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.',
  },
  EMPTY_ARRAY_CONDITION_FORANYVALUE: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-array-condition-foranyvalue',
    details:
      'The ForAnyValue prefix with an empty condition key {{key}} never matches the request context and it does not affect the policy. Specify conditions.',
  },
  EMPTY_ARRAY_CONDITION_IFEXISTS: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-array-condition-ifexists',
    details:
      'The IfExists suffix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.',
  },
  EMPTY_ARRAY_RESOURCE: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-array-resource',
    details: 'This statement includes no resources and does not affect the policy. Specify resources.',
  },
  EMPTY_OBJECT_PRINCIPAL: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-object-principal',
    details: 'This statement includes no principals and does not affect the policy. Specify principals.',
  },
  EMPTY_SID_VALUE: {
    type: 'SUGGESTION',
    anchor: 'suggestion-empty-sid-value',
    details: 'Add a value to the empty string in the Sid element.',
  },
  IMPROVE_IP_RANGE: {
    type: 'SUGGESTION',
    anchor: 'suggestion-improve-ip-range',
    details: 'The non-zero bits in the IP address after the masked bits are ignored. Replace address with {{addr}}.',
  },
  NULL_WITH_QUALIFIER: {
    type: 'SUGGESTION',
    anchor: 'suggestion-null-with-qualifier',
    details:
      'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.',
  },
  PRIVATE_IP_ADDRESS_SUBSET: {
    type: 'SUGGESTION',
    anchor: 'suggestion-private-ip-address-subset',
    details:
      'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.',
  },
  PRIVATE_NOT_IP_ADDRESS_SUBSET: {
    type: 'SUGGESTION',
    anchor: 'suggestion-private-not-ip-address-subset',
    details:
      'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.',
  },
  REDUNDANT_ACTION: {
    type: 'SUGGESTION',
    anchor: 'suggestion-redundant-action',
    details:
      'The {{redundantActionCount}} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: {{redundantAction}}.',
  },
  REDUNDANT_CONDITION_VALUE_NUM: {
    type: 'SUGGESTION',
    anchor: 'suggestion-redundant-condition-value-num',
    details: 'Multiple values in {{operator}} are redundant. Replace with the {{greatest/least}} single value for {{key}}.',
  },
  REDUNDANT_RESOURCE: {
    type: 'SUGGESTION',
    anchor: 'suggestion-redundant-resource',
    details:
      'The {{redundantResourceCount}} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)',
  },
  REDUNDANT_STATEMENT: {
    type: 'SUGGESTION',
    anchor: 'suggestion-redundant-statement',
    details:
      'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.',
  },
  WILDCARD_IN_SERVICE_NAME: {
    type: 'SUGGESTION',
    anchor: 'suggestion-wildcard-in-service-name',
    details:
      'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.',
  },
  ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    type: 'SUGGESTION',
    anchor: 'suggestion-allow-with-unsupported-tag-condition-key-for-service',
    details:
      'Using the effect Allow with the tag condition key {{conditionKeyName}} and actions for services with the following prefixes does not affect the policy: {{serviceNames}}. Actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key.',
  },
  ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    type: 'SUGGESTION',
    anchor: 'suggestion-allow-notaction-with-unsupported-tag-condition-key-for-service',
    details:
      "Using the effect Allow with NotAction and the tag condition key {{conditionKeyName}} allows only service actions that support the condition key. The condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction.",
  },
  RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: {
    type: 'SUGGESTION',
    anchor: 'suggestion-recommended-condition-key-for-service-principal',
    details:
      'To restrict access to the service principal {{servicePrincipalPrefix}} operating on your behalf, we recommend aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths instead of {{key}}.',
  },
  REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION: {
    type: 'SUGGESTION',
    anchor: 'suggestion-redundant-key-due-to-wildcard-in-condition',
    details:
      'The key {{key}} in the condition block of {{operator}} is redundant because it is always matched. Remove this key to simplify the condition.',
  },
  REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY: {
    type: 'SUGGESTION',
    anchor: 'suggestion-redundant-principal-in-role-trust-policy',
    details:
      'The assumed-role principal {{redundant_principal}} is redundant with its parent role {{parent_role}}. Remove the assumed-role principal.',
  },
  REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION: {
    type: 'SUGGESTION',
    anchor: 'suggestion-redundant-statement-due-to-wildcard-in-condition',
    details:
      'The key {{key}} in the condition block of {{operator}} does not match any values. Remove this key to simplify the condition.',
  },

  // podiam's own checks (not Access Analyzer's).
  MISSING_SUB_CONDITION_KEY_FOR_OIDC_PRINCIPAL: {
    type: 'SECURITY_WARNING',
    podiam: true,
    link: 'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
    details:
      'The role trusts the OpenID Connect provider {{provider}} without a condition on {{provider}}:sub, so every identity the provider issues tokens for (for Amazon EKS, every service account in the cluster) can assume it. Add a StringEquals condition on {{provider}}:sub naming the intended subject, such as system:serviceaccount:namespace:service-account.',
  },
  ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: {
    type: 'WARNING',
    podiam: true,
    link: SERVICE_AUTHORIZATION,
    details:
      'The action {{action}} does not support resource-level permissions, so a statement applies to it only when the Resource element includes "*". This statement does not {{effect}} {{action}}.',
  },
  RESOURCE_TYPE_MISMATCH_FOR_ACTION: {
    type: 'WARNING',
    podiam: true,
    link: SERVICE_AUTHORIZATION,
    details:
      'None of the resources in this statement match a resource type of the action {{action}} ({{resourceTypes}}). This statement does not {{effect}} {{action}}.',
  },
} as const satisfies Record<string, IssueDefinition>;

/** An issue code the analyzer can report. */
export type IssueCode = keyof typeof ISSUES;

/** The learn-more link of an issue: its section of the check reference, or for podiam's checks the AWS rule. */
export function learnMoreLink(code: IssueCode): string {
  const issue: IssueDefinition = ISSUES[code];
  if (issue.link !== undefined) return issue.link;
  return `${REFERENCE}#access-analyzer-reference-policy-checks-${issue.anchor ?? ''}`;
}

/** True for podiam's own checks, which Access Analyzer does not make. */
export function isPodiamIssue(code: IssueCode): boolean {
  const issue: IssueDefinition = ISSUES[code];
  return issue.podiam === true;
}

/** Builds a finding of an issue, filling `{{name}}` in its details from `params`. */
export function makeFinding(
  code: IssueCode,
  locations: readonly Location[],
  params: Readonly<Record<string, string>> = {},
  findingType?: FindingType,
): Finding {
  const issue: IssueDefinition = ISSUES[code];
  const findingDetails = issue.details.replace(/\{\{([^}]+)\}\}/g, (_, name: string) => params[name] ?? '');
  return {
    findingDetails,
    findingType: findingType ?? issue.type,
    issueCode: code,
    learnMoreLink: learnMoreLink(code),
    locations,
  };
}
