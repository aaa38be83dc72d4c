// PutBucketPolicy's checks, with S3's words (Amazon S3 API Reference, "PutBucketPolicy" and "Error
// responses": MalformedPolicy): at most 20 KB; a resource-based policy by IAM's grammar; every
// Resource an ARN of this bucket or its objects ("Policy has invalid resource"); every Action an S3
// action that exists ("Policy has invalid action": s3:ListObjects is not one); every action of a
// statement applicable to one of its resources, as the Service Authorization Reference gives the
// action's resource types ("Action does not apply to any resource(s) in statement": s3:GetObject on
// arn:aws:s3:::bucket, s3:ListBucket on arn:aws:s3:::bucket/*); every IAM role or user named as an
// AWS principal existing ("Invalid principal in policy": S3 resolves them when the policy is saved,
// IAM User Guide, "AWS JSON policy elements: Principal"). The parser's refusals are reworded as S3
// words them.
import { awsError, type AwsError } from '../aws/index.ts';
import { parsePolicy, type PolicyDocument, type PolicyError, type ServiceCatalog, type Statement } from '../policy/index.ts';

/** S3's limit on a bucket policy: 20 KB. */
export const MAX_BUCKET_POLICY_BYTES = 20 * 1024;

const malformed = (message: string, detail?: string): AwsError =>
  awsError('MalformedPolicy', message, detail === undefined ? {} : { detail });

function s3Words(error: PolicyError): string {
  switch (error.issue) {
    case 'JSON_SYNTAX':
    case 'DUPLICATE_JSON_KEY':
    case 'NOT_AN_OBJECT':
    case 'WRONG_TYPE':
      return 'This policy contains invalid Json';
    case 'UNKNOWN_ELEMENT':
      return `Unknown field ${error.detail ?? ''}`.trim();
    case 'MISSING_STATEMENT':
      return 'Missing required field Statement';
    case 'MISSING_EFFECT':
      return 'Missing required field Effect';
    case 'INVALID_EFFECT':
    case 'EFFECT_NOT_SUPPORTED':
      return 'Invalid effect';
    case 'MISSING_ACTION':
      return 'Missing required field Action';
    case 'MISSING_RESOURCE':
      return 'Missing required field Resource';
    case 'MISSING_PRINCIPAL':
    case 'EMPTY_PRINCIPAL':
      return 'Missing required field Principal';
    case 'INVALID_PRINCIPAL':
    case 'PRINCIPAL_AND_NOT_PRINCIPAL':
    case 'PRINCIPAL_PROHIBITED':
      return 'Invalid principal in policy';
    case 'ACTION_AND_NOT_ACTION':
    case 'ACTION_MISSING_VENDOR':
    case 'ACTION_TOO_MANY_COLONS':
    case 'ACTION_INVALID_VENDOR':
    case 'TRUST_POLICY_ACTION':
      return 'Policy has invalid action';
    case 'RESOURCE_AND_NOT_RESOURCE':
    case 'RESOURCE_PROHIBITED':
    case 'RESOURCE_NOT_ARN':
    case 'RESOURCE_INVALID_PARTITION':
    case 'RESOURCE_VENDOR_NOT_QUALIFIED':
    case 'RESOURCE_REGION_NOT_ALLOWED':
    case 'RESOURCE_INVALID_IAM_PATH':
    case 'RESOURCE_LEGACY_PARSE':
      return 'Policy has invalid resource';
    case 'UNKNOWN_CONDITION_OPERATOR':
    case 'INVALID_DATE_VALUE':
    case 'VARIABLE_NOT_SUPPORTED_IN_ELEMENT':
    case 'VARIABLE_NOT_SUPPORTED_FOR_OPERATOR':
    case 'SET_OPERATOR_ON_SINGLE_VALUED_KEY':
      return 'Policy has an invalid condition key';
    case 'INVALID_SID':
    case 'DUPLICATE_SID':
      return 'Statement IDs (SID) in a single policy must be unique';
    case 'INVALID_VERSION':
    case 'VERSION_REQUIRED':
      return 'Invalid policy version';
    case 'EMPTY_VALUE':
    case 'ELEMENT_NOT_SUPPORTED':
      return 'This policy contains invalid Json';
    case 'POLICY_TOO_LARGE':
      return 'Policy exceeds the maximum allowed document size.';
    default: {
      const never: never = error.issue;
      return never;
    }
  }
}

// `*`/`?` glob against a bucket name (a Resource such as arn:aws:s3:::pics* names this bucket).
function globMatches(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return re.test(text);
}

function resourceNamesBucket(resource: string, bucket: string): boolean {
  if (resource === '*') return true;
  const m = /^arn:(aws|aws-cn|aws-us-gov|\*):s3:::([^/]*)(\/.*)?$/.exec(resource);
  if (m === null) return false;
  return globMatches(m[2] ?? '', bucket);
}

/** What a bucket policy is checked against besides its own text. */
export interface BucketPolicyContext {
  /** The service catalog: which S3 actions exist and which resource types each applies to. */
  readonly catalog: ServiceCatalog;
  /** True when the IAM role or user with this ARN exists (`arn:aws:iam::ACCOUNT:role/path/name`). */
  principalExists(kind: 'role' | 'user', accountId: string, name: string, arn: string): boolean;
}

const IAM_PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(role|user)(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]+)$/;

/** The resource types a bucket-policy Resource can name: the bucket, its objects, or (a wildcard bucket part) both. */
function resourceKinds(resource: string): readonly ('bucket' | 'object')[] {
  if (resource === '*') return ['bucket', 'object'];
  const rest = resource.replace(/^arn:[^:]*:s3:::/, '');
  if (rest.includes('/')) return ['object'];
  return rest.includes('*') ? ['bucket', 'object'] : ['bucket'];
}

function actionPattern(action: string): RegExp {
  const name = action.slice(action.indexOf(':') + 1);
  return new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'is');
}

// The statement's actions against the catalog: each must name S3 actions, and (with a Resource
// element) at least one of them must apply to one of the statement's resources.
function checkActions(s: Statement, catalog: ServiceCatalog): AwsError | undefined {
  const all = catalog.actions('s3');
  const kinds = new Set((s.resource?.kind === 'Resource' ? s.resource.values : []).flatMap(resourceKinds));
  const starResource = s.resource?.kind === 'Resource' && s.resource.values.includes('*');
  for (const action of s.action.values) {
    if (action === '*') continue;
    const pattern = actionPattern(action);
    const named = all.filter((a) => pattern.test(a.name));
    if (named.length === 0) return malformed('Policy has invalid action', action);
    if (s.action.kind !== 'Action' || s.resource?.kind !== 'Resource') continue;
    const applies = named.some((a) => (a.resourceTypes.length === 0 ? starResource : a.resourceTypes.some((t) => kinds.has(t.name as 'bucket' | 'object'))));
    if (!applies) return malformed('Action does not apply to any resource(s) in statement', action);
  }
  return undefined;
}

function checkPrincipals(s: Statement, context: BucketPolicyContext): AwsError | undefined {
  for (const principal of s.principal?.principals.aws ?? []) {
    const match = IAM_PRINCIPAL_ARN.exec(principal);
    if (match === null) continue;
    const [, accountId = '', kind = 'role', , name = ''] = match;
    if (!context.principalExists(kind === 'user' ? 'user' : 'role', accountId, name, principal)) return malformed('Invalid principal in policy', principal);
  }
  return undefined;
}

/** Checks a bucket policy for `bucket`; returns its document, or S3's MalformedPolicy. */
export function checkBucketPolicy(text: string, bucket: string, context: BucketPolicyContext): PolicyDocument | AwsError {
  if (Buffer.byteLength(text, 'utf8') > MAX_BUCKET_POLICY_BYTES) return malformed('Policy exceeds the maximum allowed document size.');
  if (!text.trimStart().startsWith('{')) return malformed("Policies must be valid JSON and the first byte must be '{'");
  const parsed = parsePolicy(text, { policyType: 'RESOURCE_POLICY' });
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return malformed(first === undefined ? 'This policy contains invalid Json' : s3Words(first), first?.detail);
  }
  for (const s of parsed.policy.statements) {
    for (const action of s.action.values) {
      if (action !== '*' && !action.toLowerCase().startsWith('s3:')) return malformed('Policy has invalid action', action);
    }
    for (const resource of s.resource?.values ?? []) {
      if (!resourceNamesBucket(resource, bucket)) return malformed('Policy has invalid resource', resource);
    }
  }
  for (const s of parsed.policy.statements) {
    const refused = checkActions(s, context.catalog) ?? checkPrincipals(s, context);
    if (refused !== undefined) return refused;
  }
  return parsed.policy;
}
