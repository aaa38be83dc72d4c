// The general ARN syntax (AWS Identity and Access Management User Guide, "IAM identifiers: ARNs"):
//   arn:partition:service:region:account-id:resource

/** The partitions of AWS (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, ...). */
export type Partition = string & { readonly __partition: true };

const PARTITION = /^aws(-[a-z]+)*$/;

/** The six fields of an ARN, unvalidated beyond their count. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN into its fields; undefined when it is not `arn:` with six fields. */
export function splitArn(text: string): ArnParts | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const fields: string[] = [];
  let from = 4;
  for (let i = 0; i < 4; i++) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return undefined;
    fields.push(text.slice(from, colon));
    from = colon + 1;
  }
  const [partition, service, region, account] = fields as [string, string, string, string];
  return { partition, service, region, account, resource: text.slice(from) };
}

/** The partition, when the text is one. */
export function asPartition(text: string): Partition | undefined {
  return PARTITION.test(text) ? (text as Partition) : undefined;
}

/** The `aws` partition. */
export const AWS_PARTITION = 'aws' as Partition;
