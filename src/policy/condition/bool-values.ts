// The Bool condition operator. IAM User Guide, "IAM JSON policy elements: Condition operators" (Boolean
// condition operators): it compares "a key to "true" or "false"". Both sides are read case-insensitively
// (`"True"` is true). A policy value that is neither stays stored (IAM Access Analyzer: "Type mismatch
// Boolean: Add a valid Boolean value (true or false) for the condition operator") and matches nothing; a
// request value that is neither is not comparable.
import { INCOMPARABLE, MATCH, NO_MATCH, staticValues, type CompiledValues } from './match-result.ts';

/** true, false, or undefined for any other text. */
function readBool(text: string): boolean | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.length !== 4 && text.length !== 5) return undefined;
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Compiles the values of a Bool operator. */
export function compileBoolValues(values: readonly string[]): CompiledValues {
  let matchesTrue = false;
  let matchesFalse = false;
  let unreadable = false;
  for (const value of values) {
    const read = readBool(value);
    if (read === true) matchesTrue = true;
    else if (read === false) matchesFalse = true;
    else unreadable = true;
  }
  const otherwise = unreadable ? INCOMPARABLE : NO_MATCH;
  return staticValues((value) => {
    const read = readBool(value);
    if (read === undefined) return INCOMPARABLE;
    return (read ? matchesTrue : matchesFalse) ? MATCH : otherwise;
  });
}
