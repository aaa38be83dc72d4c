// One statement: its elements, and the presence rules the policy type sets.
// IAM User Guide, "IAM JSON policy elements: Statement", "Effect", "Sid" and the grammar:
// statement = { sid_block?, principal_block?, effect_block, action_block, resource_block, condition_block? }.
// IAM's texts (observed IAM API behaviour):
//   unknown element, missing Effect, Effect "invalid", Action and NotAction together,
//   a value of the wrong JSON type                  -> Syntax errors in policy.
//   Effect "allow" (right word, wrong letter case)  -> The policy failed legacy parsing
//   no Action / empty Action array                  -> Policy statement must contain actions.
//   no Resource / empty Resource array              -> Policy statement must contain resources.
//   Resource in a role trust policy                 -> Has prohibited field Resource
//   Sid "a-b" in an IAM policy                      -> Statement IDs (SID) must be alpha-numeric. Check that
//                                                      your input satisfies the regular expression [0-9A-Za-z]*

import type {
  ActionElement,
  ConditionClause,
  Effect,
  PolicyVersion,
  ResourceElement,
  Statement,
} from '../ast.ts';
import { checkAction } from './action.ts';
import { readCondition } from './condition.ts';
import type { ErrorCollector } from './error-collector.ts';
import { LEGACY_PARSE_MESSAGE, SYNTAX_ERRORS_MESSAGE, type ErrorPlace } from './errors.ts';
import type { JsonNode, JsonObject } from './json-node.ts';
import type { PolicyTypeRules } from './policy-type-rules.ts';
import { readPrincipal } from './principal.ts';
import { checkResource } from './resource.ts';
import { readStringList } from './string-list.ts';

const STATEMENT_ELEMENTS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

const ALPHANUMERIC = /^[0-9A-Za-z]*$/;

/** What a statement needs to know about the document around it. */
export interface StatementContext {
  readonly rules: PolicyTypeRules;
  readonly version: PolicyVersion | undefined;
  readonly errors: ErrorCollector;
}

/** Reads statement `index`; undefined when it is refused (its errors are in the collector). */
export function readStatement(node: JsonNode, index: number, context: StatementContext): Statement | undefined {
  const { errors, rules } = context;
  if (node.kind !== 'object') {
    errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, { statementIndex: index, element: 'Statement' });
    return undefined;
  }
  const before = errors.count();
  const sid = readSid(node, index, context);
  const place: ErrorPlace = sid === undefined ? { statementIndex: index } : { statementIndex: index, sid };
  if (node.duplicateKeys.length > 0) {
    errors.reject('DUPLICATE_JSON_KEY', SYNTAX_ERRORS_MESSAGE, { ...place, element: 'Statement', detail: node.duplicateKeys[0] });
  }
  for (const key of node.members.keys()) {
    if (!STATEMENT_ELEMENTS.has(key)) {
      errors.reject('UNKNOWN_ELEMENT', SYNTAX_ERRORS_MESSAGE, { ...place, element: 'Statement', detail: key });
    }
  }
  const effect = readEffect(node, context, place);
  const principal = readPrincipal(node, rules, errors, place);
  const action = readAction(node, context, place);
  const resource = readResource(node, context, place);
  const conditionNode = node.members.get('Condition');
  let conditions: readonly ConditionClause[] | undefined = [];
  if (conditionNode !== undefined) conditions = readCondition(conditionNode, context.version, errors, place);

  if (errors.count() > before || effect === undefined || action === undefined || conditions === undefined) {
    return undefined;
  }
  return {
    index,
    ...(sid === undefined ? {} : { sid }),
    effect,
    ...(principal === undefined ? {} : { principal }),
    action,
    ...(resource === undefined ? {} : { resource }),
    conditions,
  };
}

function readSid(node: JsonObject, index: number, { rules, errors }: StatementContext): string | undefined {
  const sid = node.members.get('Sid');
  if (sid === undefined) return undefined;
  if (sid.kind !== 'string') {
    errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, { statementIndex: index, element: 'Sid' });
    return undefined;
  }
  // "Grammar of the IAM JSON policy language", sid_string: "For IAM policies, basic alphanumeric
  // characters (A-Z,a-z,0-9) are the only allowed characters"; other services' resource policies differ.
  if (rules.alphanumericSid && !ALPHANUMERIC.test(sid.value)) {
    errors.reject(
      'INVALID_SID',
      'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
      { statementIndex: index, sid: sid.value, element: 'Sid' },
    );
  }
  return sid.value;
}

function readEffect(node: JsonObject, { rules, errors }: StatementContext, place: ErrorPlace): Effect | undefined {
  const effectPlace: ErrorPlace = { ...place, element: 'Effect' };
  const effect = node.members.get('Effect');
  if (effect === undefined) {
    errors.reject('MISSING_EFFECT', SYNTAX_ERRORS_MESSAGE, effectPlace);
    return undefined;
  }
  if (effect.kind !== 'string') {
    errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, effectPlace);
    return undefined;
  }
  const value = effect.value;
  if (value !== 'Allow' && value !== 'Deny') {
    const lower = value.toLowerCase();
    // IAM's grammar check compares Effect without letter case, its legacy parser with it.
    const message = lower === 'allow' || lower === 'deny' ? LEGACY_PARSE_MESSAGE : SYNTAX_ERRORS_MESSAGE;
    errors.reject('INVALID_EFFECT', message, { ...effectPlace, detail: value });
    return undefined;
  }
  if (value === 'Allow' && !rules.allowEffect) {
    errors.reject('EFFECT_NOT_SUPPORTED', SYNTAX_ERRORS_MESSAGE, { ...effectPlace, detail: value });
    return undefined;
  }
  return value;
}

function readAction(
  node: JsonObject,
  { rules, errors, version }: StatementContext,
  place: ErrorPlace,
): ActionElement | undefined {
  const action = node.members.get('Action');
  const notAction = node.members.get('NotAction');
  if (action !== undefined && notAction !== undefined) {
    errors.reject('ACTION_AND_NOT_ACTION', SYNTAX_ERRORS_MESSAGE, { ...place, element: 'NotAction' });
    return undefined;
  }
  const kind: 'Action' | 'NotAction' = action === undefined && notAction !== undefined ? 'NotAction' : 'Action';
  const elementPlace: ErrorPlace = { ...place, element: kind };
  const element = action ?? notAction;
  if (element === undefined) {
    errors.reject('MISSING_ACTION', 'Policy statement must contain actions.', elementPlace);
    return undefined;
  }
  if (kind === 'NotAction' && !rules.notAction) {
    errors.reject('ELEMENT_NOT_SUPPORTED', SYNTAX_ERRORS_MESSAGE, elementPlace);
    return undefined;
  }
  const values = readValues(element, 'Policy statement must contain actions.', 'MISSING_ACTION', errors, elementPlace);
  if (values === undefined) return undefined;
  const before = errors.count();
  for (const value of values) checkAction(value, rules.trustActions, version === '2012-10-17', errors, elementPlace);
  return errors.count() > before ? undefined : { kind, values };
}

function readResource(
  node: JsonObject,
  { rules, errors, version }: StatementContext,
  place: ErrorPlace,
): ResourceElement | undefined {
  const resource = node.members.get('Resource');
  const notResource = node.members.get('NotResource');
  if (rules.resource === 'prohibited') {
    if (resource !== undefined) {
      errors.reject('RESOURCE_PROHIBITED', 'Has prohibited field Resource', { ...place, element: 'Resource' });
    }
    if (notResource !== undefined) {
      // Not observed verbatim; IAM's prohibited-field wording for the NotResource element.
      errors.reject('RESOURCE_PROHIBITED', 'Has prohibited field NotResource', { ...place, element: 'NotResource' });
    }
    return undefined;
  }
  if (resource !== undefined && notResource !== undefined) {
    errors.reject('RESOURCE_AND_NOT_RESOURCE', SYNTAX_ERRORS_MESSAGE, { ...place, element: 'NotResource' });
    return undefined;
  }
  const kind: 'Resource' | 'NotResource' = resource === undefined && notResource !== undefined ? 'NotResource' : 'Resource';
  const elementPlace: ErrorPlace = { ...place, element: kind };
  const element = resource ?? notResource;
  const missing = 'Policy statement must contain resources.';
  if (element === undefined) {
    errors.reject('MISSING_RESOURCE', missing, elementPlace);
    return undefined;
  }
  const values = readValues(element, missing, 'MISSING_RESOURCE', errors, elementPlace);
  if (values === undefined) return undefined;
  const before = errors.count();
  for (const value of values) checkResource(value, version === '2012-10-17', errors, elementPlace);
  return errors.count() > before ? undefined : { kind, values };
}

/** A string or non-empty string array; an empty array is refused with `emptyMessage`. */
function readValues(
  node: JsonNode,
  emptyMessage: string,
  emptyIssue: 'MISSING_ACTION' | 'MISSING_RESOURCE',
  errors: ErrorCollector,
  place: ErrorPlace,
): readonly string[] | undefined {
  const read = readStringList(node);
  if (read.ok) return read.values;
  if (read.problem === 'empty') errors.reject(emptyIssue, emptyMessage, place);
  else errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, place);
  return undefined;
}
