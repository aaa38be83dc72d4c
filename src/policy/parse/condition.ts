// The Condition element of one statement.
// IAM User Guide, "IAM JSON policy elements: Condition", "... Condition operators" and the grammar:
// condition_block = "Condition" : { condition_type_string : { condition_key_string : condition_value_list } }.
// IAM's behaviour (observed IAM API behaviour):
//   - Condition, each operator's block, and each key's values must have those shapes, else
//     "Syntax errors in policy." ({"DateGreaterThan": "b"}, {"DateGreaterThan": {"a": {}}}, Condition: []).
//   - An operator IAM does not know is refused the same way when its block names any key
//     ({"x": {"a": "1"}}); an empty block ({"x": {}}) is accepted and means nothing.
//   - Condition keys are free text; empty value arrays are accepted.
//   - Date operator values must be dates or epoch times, else "The policy failed legacy parsing".

import type { ConditionClause, PolicyVersion } from '../ast.ts';
import { allowsPolicyVariables, parseOperator } from '../condition/operators.ts';
import type { ErrorCollector } from './error-collector.ts';
import { LEGACY_PARSE_MESSAGE, SYNTAX_ERRORS_MESSAGE, type ErrorPlace } from './errors.ts';
import type { JsonNode } from './json-node.ts';
import { isDateConditionValue } from './date-value.ts';
import { hasPolicyVariable, VARIABLE_FOR_OPERATOR_MESSAGE } from './policy-variables.ts';
import { isSingleValuedGlobalKey } from './single-valued-keys.ts';
import { readConditionValues } from './string-list.ts';

/** Reads a Condition element into clauses; undefined when any part is refused. */
export function readCondition(
  node: JsonNode,
  version: PolicyVersion | undefined,
  errors: ErrorCollector,
  statementPlace: ErrorPlace,
): readonly ConditionClause[] | undefined {
  const place: ErrorPlace = { ...statementPlace, element: 'Condition' };
  if (node.kind !== 'object') {
    errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, place);
    return undefined;
  }
  if (node.duplicateKeys.length > 0) {
    errors.reject('DUPLICATE_JSON_KEY', SYNTAX_ERRORS_MESSAGE, { ...place, detail: node.duplicateKeys[0] });
    return undefined;
  }
  const before = errors.count();
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of node.members) {
    const operatorPlace = { ...place, detail: operator };
    if (block.kind !== 'object') {
      errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, operatorPlace);
      continue;
    }
    if (block.duplicateKeys.length > 0) {
      errors.reject('DUPLICATE_JSON_KEY', SYNTAX_ERRORS_MESSAGE, { ...place, detail: `${operator}.${block.duplicateKeys[0] ?? ''}` });
      continue;
    }
    const read = new Map<string, readonly string[]>();
    for (const [key, valueNode] of block.members) {
      const values = readConditionValues(valueNode);
      if (values === undefined) errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, { ...place, detail: `${operator}.${key}` });
      else read.set(key, values);
    }
    const spec = parseOperator(operator);
    if (spec === undefined) {
      if (block.members.size > 0) errors.reject('UNKNOWN_CONDITION_OPERATOR', SYNTAX_ERRORS_MESSAGE, operatorPlace);
      continue;
    }
    for (const [key, values] of read) {
      const keyPlace = { ...place, detail: `${operator}.${key}` };
      if (spec.qualifier !== undefined && isSingleValuedGlobalKey(key)) {
        errors.refuse(
          'SET_OPERATOR_ON_SINGLE_VALUED_KEY',
          `Using ${spec.qualifier} qualifier with the single-valued condition key ${key} can be overly permissive. ` +
            `We recommend that you remove ${spec.qualifier}:.`,
          keyPlace,
        );
      }
      for (const value of values) {
        if (spec.family === 'Date') {
          if (!isDateConditionValue(value)) {
            errors.reject('INVALID_DATE_VALUE', LEGACY_PARSE_MESSAGE, { ...place, detail: `${operator}.${key}=${value}` });
          }
          continue;
        }
        // Under 2008-10-17 a variable is literal text (IAM documents it), so there is nothing to misplace.
        if (version === '2012-10-17' && hasPolicyVariable(value) && !allowsPolicyVariables(spec)) {
          errors.refuse('VARIABLE_NOT_SUPPORTED_FOR_OPERATOR', VARIABLE_FOR_OPERATOR_MESSAGE, {
            ...place,
            detail: `${operator}.${key}=${value}`,
          });
        }
      }
      clauses.push({ operator, key, values });
    }
  }
  return errors.count() > before ? undefined : clauses;
}
