// Amazon Resource Name syntax, as policies and requests use it.
// IAM User Guide, "IAM identifiers" (IAM ARNs) and AWS General Reference, "Amazon Resource Names (ARNs)":
// arn:partition:service:region:account-id:resource — the resource part is everything after the fifth
// colon and may itself contain colons and slashes.

/** An ARN split into its six fields (the `arn` prefix is implied). Fields may be empty, as in `arn:aws:s3:::bucket`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/**
 * The partitions AWS has (AWS General Reference, "Amazon Resource Names": aws, aws-cn, aws-us-gov, and the
 * isolated partitions). IAM rejects a policy ARN naming any other partition.
 */
export const PARTITIONS: ReadonlySet<string> = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

/**
 * Splits `arn:partition:service:region:account:resource`. Returns undefined unless the text starts with
 * `arn:` and has at least five colons. No field is validated here; see the predicates below.
 */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const c1 = 3;
  const c2 = text.indexOf(':', c1 + 1);
  if (c2 < 0) return undefined;
  const c3 = text.indexOf(':', c2 + 1);
  if (c3 < 0) return undefined;
  const c4 = text.indexOf(':', c3 + 1);
  if (c4 < 0) return undefined;
  const c5 = text.indexOf(':', c4 + 1);
  if (c5 < 0) return undefined;
  return {
    partition: text.slice(c1 + 1, c2),
    service: text.slice(c2 + 1, c3),
    region: text.slice(c3 + 1, c4),
    account: text.slice(c4 + 1, c5),
    resource: text.slice(c5 + 1),
  };
}

/** True for a known AWS partition name. */
export function isPartition(name: string): boolean {
  return PARTITIONS.has(name);
}

/** True for a 12-digit AWS account ID ("AWS account identifiers"). */
export function isAccountId(text: string): boolean {
  if (text.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Formats an ARN back to text. */
export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}
