// GetContextKeysForCustomPolicy (IAM API Reference): the context keys the given policies reference, so a
// caller knows which ContextEntries SimulateCustomPolicy needs. Reads nothing of the account. The Service
// Authorization Reference gives the action no resource type: it is authorised on `*`.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { POLICY_DOCUMENT } from '../shapes/common.ts';
import { contextKeyNames } from './context-key-names.ts';
import { CONTEXT_KEYS_OUTPUT } from './context-keys-shapes.ts';
import { parseInputPolicies } from './input-policies.ts';

const input = {
  type: 'structure',
  members: { PolicyInputList: { type: 'list', member: POLICY_DOCUMENT } },
  required: ['PolicyInputList'],
} as const;

export const getContextKeysForCustomPolicy = operation({
  name: 'GetContextKeysForCustomPolicy',
  input,
  output: CONTEXT_KEYS_OUTPUT,
  readOnly: true,
  async run(ctx, req) {
    callerAccount(ctx);
    ctx.authorize({ action: 'iam:GetContextKeysForCustomPolicy', resource: '*' });
    return { ContextKeyNames: contextKeyNames(parseInputPolicies(req.PolicyInputList)) };
  },
});
