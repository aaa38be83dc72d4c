// The policy documents a GetContextKeysFor* request gives in PolicyInputList, parsed as identity policies.
// IAM API Reference, "GetContextKeysForCustomPolicy" / "GetContextKeysForPrincipalPolicy": each is "the
// complete, valid JSON text of an IAM policy", and the only error either documents for bad input is
// InvalidInput ("an invalid or out-of-range value was supplied for an input parameter"), so a document
// the policy engine refuses is InvalidInput with the engine's message.
import { awsError } from '../../aws/index.ts';
import { parsePolicy, type PolicyDocument } from '../../policy/index.ts';

/** Parses every given document; the first one refused throws InvalidInput. */
export function parseInputPolicies(texts: readonly string[]): PolicyDocument[] {
  return texts.map((text) => {
    const parsed = parsePolicy(text, { policyType: 'IDENTITY_POLICY' });
    if (!parsed.ok) throw awsError('InvalidInput', parsed.errors[0]?.message ?? 'Syntax errors in policy.');
    return parsed.policy;
  });
}
