// What CloudTrail records of STS session calls (IAM User Guide, "Logging IAM and AWS STS API calls with
// AWS CloudTrail", example AssumeRole and AssumeRoleWithWebIdentity events): request parameters in
// lower camel case without the token, response elements without the secret access key and the session
// token, the role as a resource, and for web identity calls a `WebIdentityUser` identity whose
// principalId is `<provider ARN>:<audience>:<subject>`.
import type { AuditNotes } from '../api/index.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** CloudTrail's rendering of a credentials expiration: `Jul 9, 2024, 4:41:37 PM` (UTC). */
export function cloudTrailExpiration(date: Date): string {
  const hours = date.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  const ss = String(date.getUTCSeconds()).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${h12}:${mm}:${ss} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** The response elements every session call shares. */
export interface SessionResponse {
  readonly Credentials: { readonly AccessKeyId: string; readonly Expiration: Date };
  readonly AssumedRoleUser?: { readonly AssumedRoleId: string; readonly Arn: string } | undefined;
  readonly PackedPolicySize?: number | undefined;
  readonly SourceIdentity?: string | undefined;
}

/** `responseElements` of a session call: credentials reduced to the key ID and expiration. */
export function sessionResponseElements(output: SessionResponse): Record<string, unknown> {
  return {
    credentials: { accessKeyId: output.Credentials.AccessKeyId, expiration: cloudTrailExpiration(output.Credentials.Expiration) },
    ...(output.AssumedRoleUser !== undefined
      ? { assumedRoleUser: { assumedRoleId: output.AssumedRoleUser.AssumedRoleId, arn: output.AssumedRoleUser.Arn } }
      : {}),
    ...(output.PackedPolicySize !== undefined ? { packedPolicySize: output.PackedPolicySize } : {}),
    ...(output.SourceIdentity !== undefined ? { sourceIdentity: output.SourceIdentity } : {}),
  };
}

/** Notes the assumed role as the event's resource. */
export function noteRoleResource(audit: AuditNotes, roleArn: string, accountId: string): void {
  audit.resources.push({ ARN: roleArn, type: 'AWS::IAM::Role', accountId });
}

/** The `userIdentity` of an AssumeRoleWithWebIdentity event. */
export function webIdentityUser(providerArn: string, audience: string, subject: string): Record<string, unknown> {
  return { type: 'WebIdentityUser', principalId: `${providerArn}:${audience}:${subject}`, userName: subject, identityProvider: providerArn };
}

/** Session policy and tag parameters as CloudTrail writes them. */
export function sessionRequestParameters(input: {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly DurationSeconds?: number | undefined;
  readonly Policy?: string | undefined;
  readonly PolicyArns?: readonly { readonly arn?: string | undefined }[] | undefined;
}): Record<string, unknown> {
  return {
    roleArn: input.RoleArn,
    roleSessionName: input.RoleSessionName,
    ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
    ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
    ...(input.PolicyArns !== undefined ? { policyArns: input.PolicyArns.map((p) => ({ arn: p.arn })) } : {}),
  };
}
