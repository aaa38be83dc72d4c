// The context keys a set of parsed policies references, as GetContextKeysForCustomPolicy and
// GetContextKeysForPrincipalPolicy list them (IAM API Reference: "Gets a list of all of the context keys
// referenced in the input policies").
// - Condition keys as written in each Condition block (IAM returns `aws:CurrentTime` as written).
// - Policy variables count as references: the API Reference's own example (AWS CLI Command Reference,
//   "get-context-keys-for-custom-policy", example 1) gives a policy with `${aws:username}` in its Resource
//   and `aws:CurrentTime` in its Condition, and IAM answers ["aws:username", "aws:CurrentTime"]. podiam
//   also counts variables in condition values (the other place IAM substitutes them). Variables are
//   substituted only under Version 2012-10-17 ("IAM policy elements: Variables and tags": otherwise they
//   "are treated as literal strings"), so in other documents they name no key.
// - Each key once: context key names are case-insensitive ("IAM JSON policy elements: Condition"), so the
//   first spelling met stands for the others. Order: policies in order, statements in order, in each
//   statement its Resource/NotResource variables, then each condition key followed by its values'
//   variables (the order of the example above).
// A condition key that itself contains `${...}` is listed as written: IAM substitutes no variables in
// condition keys, so it is a literal key name.
import type { PolicyDocument } from '../../policy/index.ts';
import { policyVariableNames } from './policy-variable-names.ts';

/** The unique context key names the policies reference, in order of first reference. */
export function contextKeyNames(policies: readonly PolicyDocument[]): string[] {
  const seen = new Map<string, string>();
  const add = (name: string): void => {
    const folded = name.toLowerCase();
    if (!seen.has(folded)) seen.set(folded, name);
  };
  for (const policy of policies) {
    const variables = policy.version === '2012-10-17';
    for (const statement of policy.statements) {
      if (variables) for (const value of statement.resource?.values ?? []) policyVariableNames(value).forEach(add);
      for (const clause of statement.conditions) {
        add(clause.key);
        if (variables) for (const value of clause.values) policyVariableNames(value).forEach(add);
      }
    }
  }
  return [...seen.values()];
}
