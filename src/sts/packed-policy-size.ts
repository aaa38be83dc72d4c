// The packed size of a session's policies and tags. STS API Reference, "AssumeRole" (Policy, Tags,
// PackedPolicySize) and "PackedPolicyTooLargeException": "An AWS conversion compresses the session
// policy document, session policy ARNs, and session tags into a packed binary format that has a
// separate limit", reported as a percentage of that limit; over 100% the request fails with
// PackedPolicyTooLarge ("Packed policy consumes N% of allotted space, please use smaller policy." or,
// when the tags alone exceed it, "Packed size of session tags consumes N% of allotted space." — AWS
// Knowledge Center, "PackedPolicyTooLarge error"). The transitive status of a tag does not count.
//
// AWS does not publish the format. podiam's model: the inputs compressed with DEFLATE against a preset
// dictionary of IAM policy vocabulary, measured against a budget of 280 bytes. Calibrated to what AWS is
// observed to do: a short policy uses a few percent, a 1,700-character policy with some forty actions
// across several services exceeds the limit although its plain text is within 2,048 characters, and
// ten long-valued tags can exceed it on their own.
import { deflateRawSync } from 'node:zlib';
import { awsError } from '../aws/index.ts';

/** The packed budget, in compressed bytes. */
export const PACKED_BUDGET_BYTES = 280;

const DICTIONARY = Buffer.from(
  [
    '{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Action":["*"],"Resource":["*"]}]}',
    '"Effect":"Deny","NotAction":"NotResource":"Condition":{"StringEquals":{"StringLike":{"ArnLike":',
    '"Bool":{"aws:SecureTransport":"aws:PrincipalTag/"aws:RequestTag/"aws:ResourceTag/"aws:SourceIp":',
    'arn:aws:iam::aws:policy/arn:aws:iam:::role/arn:aws:s3:::arn:aws:sts:::assumed-role/',
    's3:GetObject s3:PutObject s3:ListBucket s3:DeleteObject s3:* ec2:Describe* iam:PassRole sts:AssumeRole',
    'Get List Describe Create Delete Update Put Tag Untag',
  ].join(''),
);

/** A session's packed size, as a whole percentage of the budget (rounded up). */
export interface PackedSize {
  /** Policies, policy ARNs and tags together: the response's PackedPolicySize. */
  readonly percent: number;
  /** The tags alone. */
  readonly tagsPercent: number;
}

function packedPercent(text: string): number {
  if (text.length === 0) return 0;
  const bytes = deflateRawSync(Buffer.from(text, 'utf8'), { level: 9, dictionary: DICTIONARY }).length;
  return Math.ceil((bytes * 100) / PACKED_BUDGET_BYTES);
}

function minified(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy));
  } catch {
    return policy;
  }
}

/** Measures the session policies and tags as STS packs them. */
export function packedSize(policy: string | undefined, policyArns: readonly string[], tags: Readonly<Record<string, string>>): PackedSize {
  const tagText = Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  const all = [policy === undefined ? '' : minified(policy), ...policyArns, tagText].filter((part) => part.length > 0).join('\n');
  return { percent: packedPercent(all), tagsPercent: packedPercent(tagText) };
}

/** Refuses a session whose packed size exceeds the limit (PackedPolicyTooLarge); returns the percentage. */
export function checkPackedSize(size: PackedSize): number {
  if (size.tagsPercent > 100) throw awsError('PackedPolicyTooLarge', `Packed size of session tags consumes ${size.tagsPercent}% of allotted space.`);
  if (size.percent > 100) throw awsError('PackedPolicyTooLarge', `Packed policy consumes ${size.percent}% of allotted space, please use smaller policy.`);
  return size.percent;
}
