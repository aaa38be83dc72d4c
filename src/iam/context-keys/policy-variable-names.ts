// The context keys a policy value names as policy variables, as written: `${aws:username}` names
// `aws:username`, `${aws:PrincipalTag/team, 'none'}` names `aws:PrincipalTag/team`.
// IAM User Guide, "IAM policy elements: Variables and tags": "Inside the ${ } characters, you can include
// the name of the value from the request"; a default value follows the name after a comma; `${*}`, `${?}`
// and `${$}` are the literal characters `*`, `?` and `$`, not keys. A malformed variable (no closing
// brace, an empty name) names no key.

const SPECIAL_CHARACTERS: ReadonlySet<string> = new Set(['*', '?', '$']);

/** The context key names of the policy variables in one value, in the order written. */
export function policyVariableNames(value: string): string[] {
  const names: string[] = [];
  for (let open = value.indexOf('${'); open >= 0; open = value.indexOf('${', open + 2)) {
    const close = value.indexOf('}', open + 2);
    if (close < 0) break;
    const body = value.slice(open + 2, close);
    const comma = body.indexOf(',');
    const name = (comma < 0 ? body : body.slice(0, comma)).trim();
    if (name !== '' && !SPECIAL_CHARACTERS.has(name) && !/[\s{$']/.test(name)) names.push(name);
  }
  return names;
}
