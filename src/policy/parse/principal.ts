// The Principal / NotPrincipal element of one statement.
// IAM User Guide, "AWS JSON policy elements: Principal", "AWS JSON policy elements: NotPrincipal" and the
// grammar: principal_block = ("Principal" | "NotPrincipal") : ("*" | principal_map), with map keys
// AWS, Federated, Service and CanonicalUser, each a string or an array of strings.
// IAM's texts (observed IAM API behaviour):
//   identity policy with Principal -> Policy document should not specify a principal.
//   trust policy without one       -> Missing required field Principal
//   an identifier IAM refuses      -> Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/x"
//                                     (the key is upper-cased: "SERVICE":"nope.amazonaws.com")

import type { PrincipalElement, PrincipalSet } from '../ast.ts';
import type { ErrorCollector } from './error-collector.ts';
import { SYNTAX_ERRORS_MESSAGE, type ErrorPlace } from './errors.ts';
import type { JsonNode, JsonObject } from './json-node.ts';
import { isValidPrincipal } from './principal-value.ts';
import type { PolicyTypeRules, PrincipalKey } from './policy-type-rules.ts';
import { readStringList } from './string-list.ts';

const PRINCIPAL_KEYS: ReadonlySet<string> = new Set<PrincipalKey>(['AWS', 'Federated', 'Service', 'CanonicalUser']);

/** Reads the statement's Principal or NotPrincipal; undefined when it has none or it is refused. */
export function readPrincipal(
  statement: JsonObject,
  rules: PolicyTypeRules,
  errors: ErrorCollector,
  place: ErrorPlace,
): PrincipalElement | undefined {
  const principal = statement.members.get('Principal');
  const notPrincipal = statement.members.get('NotPrincipal');
  if (rules.principal === 'prohibited') {
    if (principal !== undefined) errors.reject('PRINCIPAL_PROHIBITED', PROHIBITED_MESSAGE, { ...place, element: 'Principal' });
    if (notPrincipal !== undefined) {
      errors.reject('PRINCIPAL_PROHIBITED', PROHIBITED_MESSAGE, { ...place, element: 'NotPrincipal' });
    }
    return undefined;
  }
  if (principal !== undefined && notPrincipal !== undefined) {
    errors.reject('PRINCIPAL_AND_NOT_PRINCIPAL', SYNTAX_ERRORS_MESSAGE, { ...place, element: 'NotPrincipal' });
    return undefined;
  }
  if (principal === undefined && notPrincipal === undefined) {
    errors.reject('MISSING_PRINCIPAL', 'Missing required field Principal', { ...place, element: 'Principal' });
    return undefined;
  }
  if (notPrincipal !== undefined) {
    if (!rules.notPrincipal) {
      // The NotPrincipal page: not usable in identity-based policies nor in role trust policies. IAM's
      // wording for a trust policy follows its other prohibited-field refusals (not observed verbatim).
      errors.reject('ELEMENT_NOT_SUPPORTED', 'Has prohibited field NotPrincipal', { ...place, element: 'NotPrincipal' });
      return undefined;
    }
    const principals = readPrincipalValue(notPrincipal, rules, errors, { ...place, element: 'NotPrincipal' });
    return principals === undefined ? undefined : { kind: 'NotPrincipal', principals };
  }
  if (principal === undefined) return undefined;
  const principalPlace: ErrorPlace = { ...place, element: 'Principal' };
  if (rules.principal === 'wildcard' && !(principal.kind === 'string' && principal.value === '*')) {
    // "RCP syntax": the Principal element of an RCP is always "*"; Condition narrows it.
    errors.reject('INVALID_PRINCIPAL', SYNTAX_ERRORS_MESSAGE, principalPlace);
    return undefined;
  }
  const principals = readPrincipalValue(principal, rules, errors, principalPlace);
  return principals === undefined ? undefined : { kind: 'Principal', principals };
}

const PROHIBITED_MESSAGE = 'Policy document should not specify a principal.';
const EMPTY_PRINCIPAL_MESSAGE = 'Missing required field Principal cannot be empty!';

function readPrincipalValue(
  node: JsonNode,
  rules: PolicyTypeRules,
  errors: ErrorCollector,
  place: ErrorPlace,
): PrincipalSet | undefined {
  if (node.kind === 'string' && node.value === '*') {
    return { wildcard: true, aws: [], federated: [], service: [], canonicalUser: [] };
  }
  if (node.kind !== 'object') {
    errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, place);
    return undefined;
  }
  if (node.duplicateKeys.length > 0) {
    errors.reject('DUPLICATE_JSON_KEY', SYNTAX_ERRORS_MESSAGE, { ...place, detail: node.duplicateKeys[0] });
    return undefined;
  }
  if (node.members.size === 0) {
    errors.reject('EMPTY_PRINCIPAL', EMPTY_PRINCIPAL_MESSAGE, place);
    return undefined;
  }
  const before = errors.count();
  const found: Record<PrincipalKey, string[]> = { AWS: [], Federated: [], Service: [], CanonicalUser: [] };
  for (const [key, value] of node.members) {
    if (!PRINCIPAL_KEYS.has(key)) {
      errors.reject('INVALID_PRINCIPAL', SYNTAX_ERRORS_MESSAGE, { ...place, detail: key });
      continue;
    }
    const principalKey = key as PrincipalKey;
    const read = readStringList(value);
    if (!read.ok) {
      if (read.problem === 'empty') errors.reject('EMPTY_PRINCIPAL', EMPTY_PRINCIPAL_MESSAGE, { ...place, detail: key });
      else errors.reject('WRONG_TYPE', SYNTAX_ERRORS_MESSAGE, { ...place, detail: key });
      continue;
    }
    for (const identifier of read.values) {
      if (!rules.principalKeys.has(principalKey) || !isValidPrincipal(principalKey, identifier)) {
        const message = `Invalid principal in policy: "${key.toUpperCase()}":"${identifier}"`;
        errors.reject('INVALID_PRINCIPAL', message, { ...place, detail: `${key}:${identifier}` });
        continue;
      }
      found[principalKey].push(identifier);
    }
  }
  if (errors.count() > before) return undefined;
  return {
    wildcard: false,
    aws: found.AWS,
    federated: found.Federated,
    service: found.Service,
    canonicalUser: found.CanonicalUser,
  };
}
