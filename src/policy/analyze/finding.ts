// The shape of a validation finding, as IAM Access Analyzer's ValidatePolicy returns it.
// IAM Access Analyzer API Reference, "ValidatePolicyFinding", "Location", "PathElement", "Span", "Position".

/** The severity of a finding (`ValidatePolicyFindingType`). */
export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

/**
 * One step of a path into the policy document: `{value: 'Statement'}` is the value of a key,
 * `{index: 0}` an array element, `{key: 'aws:SourceIp'}` an object key itself.
 */
export type PathElement =
  | { readonly value: string }
  | { readonly index: number }
  | { readonly key: string }
  | { readonly substring: { readonly start: number; readonly length: number } };

/** A place in the document text: line is 1-based, column and offset 0-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The text a location covers, end exclusive. */
export interface Span {
  readonly start: Position;
  readonly end: Position;
}

/** Where a finding points: a path into the document and, when the text is known, its span. */
export interface Location {
  readonly path: readonly PathElement[];
  readonly span?: Span;
}

/** One validation finding. */
export interface Finding {
  readonly findingDetails: string;
  readonly findingType: FindingType;
  readonly issueCode: string;
  readonly learnMoreLink: string;
  readonly locations: readonly Location[];
}
