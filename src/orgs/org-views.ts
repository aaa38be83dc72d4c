// How Organizations shows what the store holds (Organizations API Reference, data types "Organization",
// "Account", "Root", "PolicySummary", "Policy", "PolicyTargetSummary").
import type { Account, Organization, OrgPolicy } from '../store/index.ts';
import { accountArn, organizationArn, policyArn, rootArn } from './org-arns.ts';

/** The policy types enabled on the root, as PolicyTypeSummary entries. */
export function policyTypeSummaries(organization: Organization): { Type: Organization['enabledPolicyTypes'][number]; Status: 'ENABLED' }[] {
  return organization.enabledPolicyTypes.map((type) => ({ Type: type, Status: 'ENABLED' }));
}

/** Organization. AvailablePolicyTypes is deprecated in favour of ListRoots; it lists the enabled types. */
export function organizationView(organization: Organization, managementEmail: string) {
  return {
    Id: organization.id,
    Arn: organizationArn(organization.managementAccountId, organization.id),
    FeatureSet: organization.featureSet,
    MasterAccountArn: accountArn(organization.managementAccountId, organization.id, organization.managementAccountId),
    MasterAccountId: organization.managementAccountId,
    MasterAccountEmail: managementEmail,
    AvailablePolicyTypes: policyTypeSummaries(organization),
  };
}

/**
 * Account. An account created in the organization joined when it was created; the management account
 * joined when it created the organization (and shows as INVITED, as AWS lists it).
 */
export function accountView(account: Account, organization: Organization) {
  const isManagement = account.id === organization.managementAccountId;
  return {
    Id: account.id,
    Arn: accountArn(organization.managementAccountId, organization.id, account.id),
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: isManagement ? organization.createdAt : account.createdAt,
  };
}

/** Root. */
export function rootView(organization: Organization) {
  return {
    Id: organization.rootId,
    Arn: rootArn(organization.managementAccountId, organization.id, organization.rootId),
    Name: organization.rootName,
    PolicyTypes: policyTypeSummaries(organization),
  };
}

/** PolicySummary. */
export function policySummaryView(policy: OrgPolicy, organization: Organization) {
  return {
    Id: policy.id,
    Arn: policyArn(policy, organization.managementAccountId, organization.id),
    Name: policy.name,
    Description: policy.description,
    Type: policy.type,
    AwsManaged: policy.awsManaged,
  };
}

/** Policy: the summary and the document. */
export function policyView(policy: OrgPolicy, organization: Organization) {
  return { PolicySummary: policySummaryView(policy, organization), Content: policy.content };
}
