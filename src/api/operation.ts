// The contract every AWS-compatible service of podiam implements: an operation is its input and output
// shapes (the wire codecs in aws/ read and write them) and a function from the call's context and
// decoded input to its output. Services never see HTTP, and never format XML or JSON.
import type { ShapeValue, StructureShape } from '../aws/index.ts';
import type { CallContext } from './call-context.ts';

/** What CloudTrail records of a call (requestParameters / responseElements), secrets left out. */
export interface AuditShape<I, O> {
  /** `requestParameters`; defaults to the decoded input. Return null to record none. */
  requestParameters?(input: I): unknown;
  /** `responseElements`; defaults to null (most read calls record none). Never include secrets. */
  responseElements?(output: O): unknown;
}

/** One API operation. */
export interface Operation<I extends StructureShape = StructureShape, O extends StructureShape = StructureShape> {
  /** The operation name as on the wire (`CreateRole`, `AssumeRoleWithWebIdentity`). */
  readonly name: string;
  readonly input: I;
  /** Absent for operations whose response has no Result element (DeleteRole, TagRole, ...). */
  readonly output?: O;
  /** Operations that accept unsigned requests (AssumeRoleWithWebIdentity, AssumeRoleWithSAML). */
  readonly unsigned?: boolean;
  /** CloudTrail `readOnly`. */
  readonly readOnly: boolean;
  run(ctx: CallContext, input: ShapeValue<I>): Promise<ShapeValue<O> | undefined>;
  readonly audit?: AuditShape<ShapeValue<I>, ShapeValue<O>>;
}

/** Declares an operation with its types inferred from its shapes. */
export function operation<I extends StructureShape, O extends StructureShape>(op: Operation<I, O>): Operation {
  return op as unknown as Operation;
}

/** A service: its signing name, its protocol and its operations by name. */
export interface ServiceDefinition {
  /** The SigV4 signing name (`iam`, `sts`, `organizations`). */
  readonly signingName: string;
  /** CloudTrail `eventSource` (`iam.amazonaws.com`). */
  readonly eventSource: string;
  readonly protocol: 'query' | 'json';
  /** JSON services: the `X-Amz-Target` prefix (`AWSOrganizationsV20161128`). */
  readonly targetPrefix?: string;
  readonly operations: ReadonlyMap<string, Operation>;
}

/** Builds a service definition from a list of operations. */
export function serviceDefinition(
  def: Omit<ServiceDefinition, 'operations'> & { readonly operations: readonly Operation[] },
): ServiceDefinition {
  return { ...def, operations: new Map(def.operations.map((op) => [op.name, op])) };
}
