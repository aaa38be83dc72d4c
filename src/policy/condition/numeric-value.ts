// Numeric condition values. IAM User Guide, "IAM JSON policy elements: Condition operators" (Numeric
// condition operators): they compare "a key to an integer or decimal value". podiam reads an optional
// sign, digits and an optional decimal part (`10`, `-3`, `2.5`, `.5`, `7.`); anything else (`abc`,
// `1e3`, ` 10`, `0x10`) is not a number. IAM stores a non-numeric policy value without complaint; IAM
// Access Analyzer reports it ("Type mismatch number: Add a valid numeric value for the condition
// operator"), and at evaluation it matches nothing.

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

let lastText: string | undefined;
let lastValue = Number.NaN;

/** The number a condition value stands for, or NaN. Remembers the last request value it read. */
export function readNumber(text: string): number {
  if (text === lastText) return lastValue;
  const value = NUMBER.test(text) ? Number(text) : Number.NaN;
  lastText = text;
  lastValue = value;
  return value;
}
