// The JSON documents the metadata service and the container-credentials endpoint answer with.
// Instance metadata (Amazon EC2 User Guide, "Retrieve security credentials from instance metadata"):
//   { "Code" : "Success", "LastUpdated" : "...", "Type" : "AWS-HMAC", "AccessKeyId" : "...",
//     "SecretAccessKey" : "...", "Token" : "...", "Expiration" : "2017-05-17T15:09:54Z" }
// with times as YYYY-MM-DDTHH:MM:SSZ (botocore parses Expiration with "%Y-%m-%dT%H:%M:%SZ").
// Container credentials (what the SDKs' container provider reads and the EKS Pod Identity Agent
// answers): AccessKeyId, SecretAccessKey, Token, AccountId, Expiration.
// Documents are rendered once per credentials and reused.
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { IssuedCredentials } from '../sts/role-assumer.ts';

/** `YYYY-MM-DDTHH:MM:SSZ`. */
export function metadataTime(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const metadataDocs = new WeakMap<IssuedCredentials, Buffer>();
const containerDocs = new WeakMap<IssuedCredentials, Buffer>();

/** The instance-metadata credentials document. */
export function metadataCredentialsDocument(c: IssuedCredentials): Buffer {
  let doc = metadataDocs.get(c);
  if (doc === undefined) {
    doc = Buffer.from(
      [
        '{',
        `  "Code" : "Success",`,
        `  "LastUpdated" : ${JSON.stringify(metadataTime(c.issuedAt))},`,
        `  "Type" : "AWS-HMAC",`,
        `  "AccessKeyId" : ${JSON.stringify(c.accessKeyId)},`,
        `  "SecretAccessKey" : ${JSON.stringify(c.secretAccessKey)},`,
        `  "Token" : ${JSON.stringify(c.sessionToken)},`,
        `  "Expiration" : ${JSON.stringify(metadataTime(c.expiration))}`,
        '}',
      ].join('\n'),
    );
    metadataDocs.set(c, doc);
  }
  return doc;
}

/** The container-credentials document. */
export function containerCredentialsDocument(c: IssuedCredentials): Buffer {
  let doc = containerDocs.get(c);
  if (doc === undefined) {
    doc = Buffer.from(
      JSON.stringify({
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        Token: c.sessionToken,
        AccountId: c.accountId,
        Expiration: metadataTime(c.expiration),
      }),
    );
    containerDocs.set(c, doc);
  }
  return doc;
}

/**
 * `iam/info` for a pod: the instance profile a pod would have if its role were the instance's (same
 * name and path, as the console creates them). InstanceProfileId is an AWS-assigned ID the agent
 * cannot know, so it is left out rather than invented.
 */
export function metadataInfoDocument(role: RoleArn, lastUpdatedMs: number): string {
  const profileArn = `arn:${role.partition}:iam::${role.accountId}:instance-profile${role.path}${role.name}`;
  return ['{', `  "Code" : "Success",`, `  "LastUpdated" : ${JSON.stringify(metadataTime(lastUpdatedMs))},`, `  "InstanceProfileArn" : ${JSON.stringify(profileArn)}`, '}'].join('\n');
}

/**
 * The error document instance metadata answers with status 200 when the role cannot be assumed
 * (botocore's InstanceMetadataFetcher: "IMDS can return a 200 response that has a JSON formatted
 * error message (i.e. if ec2 is not trusted entity for the attached role)").
 */
export function metadataAssumeRoleErrorDocument(role: RoleArn, nowMs: number): string {
  return [
    '{',
    `  "Code" : "AssumeRoleUnauthorizedAccess",`,
    `  "Message" : ${JSON.stringify(`The node credential agent cannot assume the role ${role.name}.`)},`,
    `  "LastUpdated" : ${JSON.stringify(metadataTime(nowMs))}`,
    '}',
  ].join('\n');
}
