// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`): where they mean something.
// IAM User Guide, "IAM policy elements: Variables and tags":
// - "You can use policy variables in the Resource element and in string comparisons in the Condition
//   element" — in Resource only in the resource part, after the fifth colon; in Condition only with the
//   String and ARN operators, not Numeric, Date, Boolean, Binary, IP address or Null.
// - "If you don't include the Version element and set it to [2012-10-17], variables like ${aws:username}
//   are treated as literal strings."
//
// What IAM itself does elsewhere: it stores the policy and treats the text literally (Action, the ARN
// fields before the resource part, Numeric/Bool/IP/Binary/Null values); IAM Access Analyzer reports these
// as errors ("Invalid variable for operator", "Variable unsupported in element"). Date operator values are
// the exception: IAM's legacy parser refuses a value that is not a date ("The policy failed legacy
// parsing"). podiam refuses them all (awsRejects: false): a variable that can never be substituted is a
// mistake, never an intent. In a policy without Version 2012-10-17 `${...}` is documented literal text, so
// podiam accepts it there and the evaluator matches it literally.

/** True when the text contains a policy variable opening (`${`). */
export function hasPolicyVariable(text: string): boolean {
  return text.includes('${');
}

/** The message podiam gives for a variable in an element that does not substitute variables. */
export const VARIABLE_IN_ELEMENT_MESSAGE =
  'Policy variables are supported only in the resource part of a Resource ARN and in String and ARN condition values.';

/** The message podiam gives for a variable with an operator that does not substitute variables. */
export const VARIABLE_FOR_OPERATOR_MESSAGE = 'Policy variables can only be used with String and ARN operators.';

