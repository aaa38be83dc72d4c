// Every IAM operation's input shape against botocore's own IAM model (iam 2010-05-08), the model the
// AWS CLI and boto3 are built from: the same members, required members and constraints, so requests
// decode and validation errors read as IAM's. Skipped where python3 with botocore is absent.
import { describe, expect, it } from 'vitest';
import { botocore, botocoreAvailable, type OperationShapes } from '../../aws/botocore.fixture.ts';
import type { Shape } from '../../aws/index.ts';
import { iamOperations } from '../index.ts';

/** The constraints that matter on the wire, without documentation-only details. */
function essentials(shape: Shape | null | undefined): unknown {
  // botocore gives operations without input (GetAccountSummary) no shape: an empty structure on the wire.
  if (shape === null || shape === undefined) return { members: {}, required: [] };
  switch (shape.type) {
    case 'structure':
      return {
        members: Object.fromEntries(Object.entries(shape.members).map(([k, v]) => [k, essentials(v)])),
        required: [...(shape.required ?? [])].sort(),
      };
    case 'list':
      return { list: essentials(shape.member), max: shape.max };
    case 'map':
      return { map: essentials(shape.value) };
    case 'string':
      return { string: true, min: shape.min, max: shape.max, pattern: shape.pattern, enum: shape.enum };
    case 'integer':
    case 'long':
      return { number: true, min: shape.min, max: shape.max };
    case 'boolean':
    case 'timestamp':
      return shape.type;
    default: {
      const never: never = shape;
      return never;
    }
  }
}

describe.skipIf(!botocoreAvailable)('IAM input shapes match the botocore IAM model (iam 2010-05-08)', () => {
  const operations = iamOperations();
  const models = botocore(operations.map((op) => ({ kind: 'shapes', service: 'iam', operation: op.name }))) as OperationShapes[];
  for (const [i, op] of operations.entries()) {
    it(op.name, () => {
      expect(essentials(op.input)).toEqual(essentials(models[i]?.input));
    });
  }
});
