// The well-known global condition keys that hold a single value.
// IAM User Guide, "AWS global condition context keys": each key's "Value type" (Single-valued or
// Multivalued), and "Single-valued vs. multivalued context keys": "Do not use condition set operators
// ForAllValues or ForAnyValue with single-valued context keys."
//
// What AWS does with `ForAllValues:`/`ForAnyValue:` on such a key: IAM accepts and stores the policy; IAM
// Access Analyzer reports FORALLVALUES_WITH_SINGLE_VALUED_KEY as a SECURITY_WARNING ("Using ForAllValues
// qualifier with the single-valued condition key {key} can be overly permissive. We recommend that you
// remove ForAllValues:."). ForAllValues is true when the key is absent, so such a condition silently
// grants; podiam refuses the document instead (awsRejects: false).
//
// Multivalued global keys (not listed, so set operators are fine): aws:CalledVia, aws:PrincipalOrgPaths,
// aws:PrincipalServiceNamesList, aws:ResourceOrgPaths, aws:SourceOrgPaths, aws:TagKeys, aws:VpceOrgPaths.

const SINGLE_VALUED: ReadonlySet<string> = new Set(
  [
    'aws:CalledViaFirst',
    'aws:CalledViaLast',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:Ec2InstanceSourcePrivateIPv4',
    'aws:Ec2InstanceSourceVpc',
    'aws:FederatedProvider',
    'aws:MultiFactorAuthAge',
    'aws:MultiFactorAuthPresent',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalIsAWSService',
    'aws:PrincipalOrgID',
    'aws:PrincipalServiceName',
    'aws:PrincipalType',
    'aws:Referer',
    'aws:RequestedRegion',
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:SecureTransport',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceIdentity',
    'aws:SourceIp',
    'aws:SourceOrgID',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpcArn',
    'aws:SourceVpce',
    'aws:TokenIssueTime',
    'aws:UserAgent',
    'aws:userid',
    'aws:username',
    'aws:ViaAWSService',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:VpcSourceIp',
  ].map((key) => key.toLowerCase()),
);

// Tag keys: one tag key has one value ("AWS global condition context keys": aws:PrincipalTag/tag-key,
// aws:ResourceTag/tag-key, aws:RequestTag/tag-key are single-valued).
const SINGLE_VALUED_PREFIXES = ['aws:principaltag/', 'aws:resourcetag/', 'aws:requesttag/'];

/** True when the key is a global condition key documented as single-valued (keys compare case-insensitively). */
export function isSingleValuedGlobalKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (SINGLE_VALUED.has(lower)) return true;
  return SINGLE_VALUED_PREFIXES.some((prefix) => lower.startsWith(prefix) && lower.length > prefix.length);
}
