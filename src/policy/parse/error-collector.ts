// Collects every refusal in a document, each with the code and text of the service that owns the
// policy type: IAM and STS report the rule's own message; Organizations answers every grammar violation
// in an SCP or RCP with one MalformedPolicyDocumentException text (Organizations API Reference, CreatePolicy).

import {
  ORGANIZATIONS_MALFORMED_MESSAGE,
  type ErrorPlace,
  type PolicyError,
  type PolicyIssue,
} from './errors.ts';
import type { PolicyDialect } from './policy-type-rules.ts';

/** Receives the refusals found while parsing one document. */
export interface ErrorCollector {
  /** A rule AWS enforces: the document is refused with `iamMessage` (or the dialect's equivalent). */
  reject(issue: PolicyIssue, iamMessage: string, place: ErrorPlace): void;
  /** A rule AWS does not enforce (IAM Access Analyzer reports it); podiam refuses with `message`. */
  refuse(issue: PolicyIssue, message: string, place: ErrorPlace): void;
  /** How many errors so far. */
  count(): number;
  readonly errors: readonly PolicyError[];
}

/** A collector for one document of the given dialect. */
export function createErrorCollector(dialect: PolicyDialect): ErrorCollector {
  const errors: PolicyError[] = [];
  const code = dialect === 'organizations' ? 'MalformedPolicyDocumentException' : 'MalformedPolicyDocument';
  const add = (issue: PolicyIssue, message: string, place: ErrorPlace, awsRejects: boolean): void => {
    errors.push({ code, httpStatus: 400, message, issue, awsRejects, ...withoutUndefined(place) });
  };
  return {
    errors,
    count: () => errors.length,
    reject: (issue, iamMessage, place) =>
      add(issue, dialect === 'organizations' ? ORGANIZATIONS_MALFORMED_MESSAGE : iamMessage, place, true),
    refuse: (issue, message, place) => add(issue, message, place, false),
  };
}

function withoutUndefined(place: ErrorPlace): ErrorPlace {
  const out: { -readonly [K in keyof ErrorPlace]: ErrorPlace[K] } = {};
  if (place.statementIndex !== undefined) out.statementIndex = place.statementIndex;
  if (place.sid !== undefined) out.sid = place.sid;
  if (place.element !== undefined) out.element = place.element;
  if (place.detail !== undefined) out.detail = place.detail;
  return out;
}
