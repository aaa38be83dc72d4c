// Paths into the policy document for finding locations, in Access Analyzer's PathElement form.
// The AST does not keep whether an element was a single value or an array, so element values are
// addressed with an index; `locateFindings` drops the index where the document holds a single value.
import type { ConditionClause, PolicyDocument, PolicyElementName, Statement } from '../ast.ts';
import type { Location, PathElement } from './finding.ts';

/** The path of a statement. */
export function statementPath(policy: PolicyDocument, statement: Statement): PathElement[] {
  return policy.singleStatement ? [{ value: 'Statement' }] : [{ value: 'Statement' }, { index: statement.index }];
}

/** The path of an element of a statement, or of one of its values. */
export function elementPath(
  policy: PolicyDocument,
  statement: Statement,
  element: PolicyElementName,
  index?: number,
): PathElement[] {
  const path = [...statementPath(policy, statement), { value: element }];
  if (index !== undefined) path.push({ index });
  return path;
}

/** The path of one principal value: `Principal.AWS[2]`; `Principal` itself for `"Principal": "*"`. */
export function principalPath(
  policy: PolicyDocument,
  statement: Statement,
  principalType?: string,
  index?: number,
): PathElement[] {
  const element = statement.principal?.kind ?? 'Principal';
  const path = elementPath(policy, statement, element);
  if (principalType !== undefined) path.push({ value: principalType });
  if (index !== undefined) path.push({ index });
  return path;
}

/** The path of a condition key (the key itself) within its operator block. */
export function conditionKeyPath(policy: PolicyDocument, statement: Statement, clause: ConditionClause): PathElement[] {
  return [...elementPath(policy, statement, 'Condition'), { value: clause.operator }, { key: clause.key }];
}

/** The path of a condition operator (the operator block's key). */
export function conditionOperatorPath(
  policy: PolicyDocument,
  statement: Statement,
  clause: ConditionClause,
): PathElement[] {
  return [...elementPath(policy, statement, 'Condition'), { key: clause.operator }];
}

/** The path of a condition key's values, or of one of them. */
export function conditionValuePath(
  policy: PolicyDocument,
  statement: Statement,
  clause: ConditionClause,
  index?: number,
): PathElement[] {
  const path: PathElement[] = [...elementPath(policy, statement, 'Condition'), { value: clause.operator }, { value: clause.key }];
  if (index !== undefined) path.push({ index });
  return path;
}

/** A single location from a path. */
export function at(path: readonly PathElement[]): Location[] {
  return [{ path }];
}
