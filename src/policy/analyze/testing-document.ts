// Builds a PolicyDocument from a JSON value for the analyzer's tests, without the parser's refusals:
// the analyzer must report on documents AWS stores but the parser (failing closed) refuses.
// Tests only.
import type { ConditionClause, PolicyDocument, PolicyVersion, PrincipalSet, Statement } from '../ast.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const list = (value: Json | undefined): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value.map((v) => String(v)) : [String(value)];

function principals(value: Json | undefined): PrincipalSet {
  if (value === '*') return { wildcard: true, aws: [], federated: [], service: [], canonicalUser: [] };
  const o = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  return { wildcard: false, aws: list(o.AWS), federated: list(o.Federated), service: list(o.Service), canonicalUser: list(o.CanonicalUser) };
}

function statement(raw: { [key: string]: Json }, index: number): Statement {
  const conditions: ConditionClause[] = [];
  const block = raw.Condition;
  if (typeof block === 'object' && block !== null && !Array.isArray(block)) {
    for (const [operator, keys] of Object.entries(block)) {
      if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) continue;
      for (const [key, values] of Object.entries(keys)) conditions.push({ operator, key, values: list(values) });
    }
  }
  const principalKind = raw.Principal !== undefined ? 'Principal' : raw.NotPrincipal !== undefined ? 'NotPrincipal' : undefined;
  const resourceKind = raw.Resource !== undefined ? 'Resource' : raw.NotResource !== undefined ? 'NotResource' : undefined;
  return {
    index,
    ...(typeof raw.Sid === 'string' ? { sid: raw.Sid } : {}),
    effect: raw.Effect === 'Deny' ? 'Deny' : 'Allow',
    ...(principalKind === undefined ? {} : { principal: { kind: principalKind, principals: principals(raw[principalKind]) } }),
    action: raw.NotAction !== undefined ? { kind: 'NotAction', values: list(raw.NotAction) } : { kind: 'Action', values: list(raw.Action) },
    ...(resourceKind === undefined ? {} : { resource: { kind: resourceKind, values: list(raw[resourceKind]) } }),
    conditions,
  };
}

/** The document a JSON policy value describes. */
export function testingDocument(value: unknown): PolicyDocument {
  const raw = value as { [key: string]: Json };
  const statements = raw.Statement;
  const single = !Array.isArray(statements);
  const items = (single ? [statements] : statements) as { [key: string]: Json }[];
  return {
    ...(typeof raw.Version === 'string' ? { version: raw.Version as PolicyVersion } : {}),
    ...(typeof raw.Id === 'string' ? { id: raw.Id } : {}),
    statements: items.map(statement),
    singleStatement: single,
  };
}
