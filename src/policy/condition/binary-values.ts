// The BinaryEquals condition operator. IAM User Guide, "IAM JSON policy elements: Condition operators"
// (Binary condition operators): "It compares the value of the specified key byte for byte against a
// base-64 encoded representation of the binary value in the policy." Request values arrive base64
// encoded too; both sides are decoded and the bytes compared, so padding and the encoding of unused
// bits do not matter. Text that is not base64 (IAM Access Analyzer: "Type mismatch string: Add a valid
// base64-encoded string value for the condition operator") never matches.
import { INCOMPARABLE, MATCH, NO_MATCH, staticValues, type CompiledValues } from './match-result.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

let lastText: string | undefined;
let lastBytes: string | undefined;

/** The decoded bytes (one char per byte), or undefined when the text is not base64. */
function decode(text: string): string | undefined {
  if (text === lastText) return lastBytes;
  const bytes = BASE64.test(text) ? atob(text) : undefined;
  lastText = text;
  lastBytes = bytes;
  return bytes;
}

/** Compiles the values of a BinaryEquals operator. */
export function compileBinaryValues(values: readonly string[]): CompiledValues {
  const wanted: string[] = [];
  let unreadable = false;
  for (const value of values) {
    const bytes = BASE64.test(value) ? atob(value) : undefined;
    if (bytes === undefined) unreadable = true;
    else wanted.push(bytes);
  }
  const otherwise = unreadable ? INCOMPARABLE : NO_MATCH;
  return staticValues((value) => {
    const bytes = decode(value);
    if (bytes === undefined) return INCOMPARABLE;
    return wanted.includes(bytes) ? MATCH : otherwise;
  });
}
