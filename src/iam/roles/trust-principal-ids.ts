// IAM User Guide, "AWS JSON policy elements: Principal" (IAM role principals, IAM user principals): "If
// your Principal element in a role trust policy contains an ARN that points to a specific IAM role, then
// that ARN transforms to the role's unique principal ID when you save the policy" (users likewise). The
// trust policy is kept as written, with the unique ID of each role and user it names, resolved in the
// transaction that saves it; a role or user deleted since the policy was checked is refused as one that
// never existed ("Invalid principal in policy").
import { awsError } from '../../aws/index.ts';
import { bindPrincipalIds } from '../../identity/index.ts';
import { parsePolicy } from '../../policy/index.ts';
import type { PrincipalIds, StoreRepos } from '../../store/index.ts';

/** The unique IDs of a checked trust policy's role and user principals, as the writing transaction sees them. */
export async function trustPrincipalIds(repos: Pick<StoreRepos, 'users' | 'roles'>, text: string): Promise<PrincipalIds> {
  const parsed = parsePolicy(text, { policyType: 'TRUST_POLICY' });
  if (!parsed.ok) throw awsError('MalformedPolicyDocument', parsed.errors[0]?.message ?? 'Syntax errors in policy.');
  const { ids, missing } = await bindPrincipalIds(repos, parsed.policy);
  const [first] = missing;
  if (first !== undefined) throw awsError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${first}"`);
  return ids;
}
