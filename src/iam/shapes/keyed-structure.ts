// Structures whose member names depend on the kind of entity (RoleName / UserName / GroupName): the
// operations defined once for several kinds build their shapes here. Their values are untyped records.
import type { StructureShape } from '../../aws/index.ts';

/** A structure shape from members known only at run time. */
export function keyedStructure(members: StructureShape['members'], required: readonly string[] = []): StructureShape {
  return { type: 'structure', members, required };
}
