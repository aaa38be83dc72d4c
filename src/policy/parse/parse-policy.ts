// A policy document, from JSON text or an already-parsed value, to a typed PolicyDocument or the full list
// of reasons AWS (or podiam, where it is stricter) refuses it.
// IAM User Guide, "Grammar of the IAM JSON policy language" and "IAM JSON policy element reference";
// IAM's texts (observed IAM API behaviour):
//   not JSON, not an object, unknown top-level element, Version other than 2008-10-17/2012-10-17,
//   Id not a string, Statement missing, empty or of the wrong type        -> Syntax errors in policy.
//   no Version or 2008-10-17 in CreatePolicy / CreatePolicyVersion        -> Policy document must be version 2012-10-17 or greater.
//   two statements with the same (non-empty) Sid                         -> Statement IDs (SID) in a single policy must be unique.

import type { PolicyDocument, PolicyType, PolicyVersion, Statement } from '../ast.ts';
import { createErrorCollector, type ErrorCollector } from './error-collector.ts';
import { SYNTAX_ERRORS_MESSAGE, type PolicyError } from './errors.ts';
import { importJsonValue } from './json-import.ts';
import type { JsonNode } from './json-node.ts';
import { parseJsonText } from './json-text.ts';
import { rulesFor, type PolicyTypeRules } from './policy-type-rules.ts';
import { readStatement } from './statement.ts';

/** How to read a document. */
export interface ParseOptions {
  readonly policyType: PolicyType;
  /**
   * The document is a customer managed policy being created (IAM CreatePolicy / CreatePolicyVersion,
   * which includes permissions boundaries): IAM then requires "Version": "2012-10-17".
   */
  readonly managed?: boolean;
}

/** A parsed document, or every reason it is refused. */
export type ParseResult = { ok: true; policy: PolicyDocument } | { ok: false; errors: PolicyError[] };

const TOP_LEVEL_ELEMENTS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);

/**
 * Parses a policy document as AWS does for the policy type: JSON text, or a value that was already parsed.
 * Never throws; any input gives a policy or errors.
 */
export function parsePolicy(input: unknown, options: ParseOptions): ParseResult {
  const rules = rulesFor(options.policyType);
  const errors = createErrorCollector(rules.dialect);
  const root = typeof input === 'string' ? parseJsonText(input) : importJsonValue(input);
  if (root === undefined) {
    errors.reject('JSON_SYNTAX', SYNTAX_ERRORS_MESSAGE, { element: 'Policy' });
    return { ok: false, errors: [...errors.errors] };
  }
  const policy = readDocument(root, rules, options.managed === true, errors);
  if (policy === undefined || errors.count() > 0) return { ok: false, errors: [...errors.errors] };
  return { ok: true, policy };
}

function readDocument(
  root: JsonNode,
  rules: PolicyTypeRules,
  managed: boolean,
  errors: ErrorCollector,
): PolicyDocument | undefined {
  if (root.kind !== 'object') {
    errors.reject('NOT_AN_OBJECT', SYNTAX_ERRORS_MESSAGE, { element: 'Policy' });
    return undefined;
  }
  if (root.duplicateKeys.length > 0) {
    errors.reject('DUPLICATE_JSON_KEY', SYNTAX_ERRORS_MESSAGE, { element: 'Policy', detail: root.duplicateKeys[0] });
  }
  for (const key of root.members.keys()) {
    if (!TOP_LEVEL_ELEMENTS.has(key)) errors.reject('UNKNOWN_ELEMENT', SYNTAX_ERRORS_MESSAGE, { element: 'Policy', detail: key });
  }
  const version = readVersion(root.members.get('Version'), rules, managed, errors);
  const idNode = root.members.get('Id');
  if (idNode !== undefined && idNode.kind !== 'string') errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, { element: 'Id' });

  const statementNode = root.members.get('Statement');
  let nodes: readonly JsonNode[] = [];
  if (statementNode === undefined) {
    errors.reject('MISSING_STATEMENT', SYNTAX_ERRORS_MESSAGE, { element: 'Statement' });
  } else if (statementNode.kind === 'object') {
    nodes = [statementNode];
  } else if (statementNode.kind === 'array' && statementNode.items.length > 0) {
    nodes = statementNode.items;
  } else if (statementNode.kind === 'array') {
    errors.reject('MISSING_STATEMENT', SYNTAX_ERRORS_MESSAGE, { element: 'Statement' });
  } else {
    errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, { element: 'Statement' });
  }

  const statements: Statement[] = [];
  const context = { rules, version: version.value, errors };
  nodes.forEach((node, index) => {
    const statement = readStatement(node, index, context);
    if (statement !== undefined) statements.push(statement);
  });
  checkSidsUnique(nodes, errors);

  if (errors.count() > 0 || !version.ok) return undefined;
  return {
    ...(version.value === undefined ? {} : { version: version.value }),
    ...(idNode?.kind === 'string' ? { id: idNode.value } : {}),
    statements,
    singleStatement: statementNode?.kind === 'object',
  };
}

function readVersion(
  node: JsonNode | undefined,
  rules: PolicyTypeRules,
  managed: boolean,
  errors: ErrorCollector,
): { ok: boolean; value: PolicyVersion | undefined } {
  let value: PolicyVersion | undefined;
  if (node !== undefined) {
    if (node.kind !== 'string' || (node.value !== '2012-10-17' && node.value !== '2008-10-17')) {
      errors.reject('INVALID_VERSION', SYNTAX_ERRORS_MESSAGE, { element: 'Version' });
      return { ok: false, value: undefined };
    }
    value = node.value;
  }
  if ((managed || rules.version2012Required) && value !== '2012-10-17') {
    errors.reject('VERSION_REQUIRED', 'Policy document must be version 2012-10-17 or greater.', { element: 'Version' });
    return { ok: false, value };
  }
  return { ok: true, value };
}

/** "Statement IDs (SID) in a single policy must be unique." — empty Sids do not count. */
function checkSidsUnique(nodes: readonly JsonNode[], errors: ErrorCollector): void {
  const seen = new Set<string>();
  nodes.forEach((node, index) => {
    if (node.kind !== 'object') return;
    const sid = node.members.get('Sid');
    if (sid?.kind !== 'string' || sid.value === '') return;
    if (seen.has(sid.value)) {
      errors.reject('DUPLICATE_SID', 'Statement IDs (SID) in a single policy must be unique.', {
        statementIndex: index,
        sid: sid.value,
        element: 'Sid',
      });
    }
    seen.add(sid.value);
  });
}
