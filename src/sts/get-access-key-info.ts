// GetAccessKeyInfo (STS API Reference): the account an access key ID belongs to. AWS reads it from the
// key ID itself. podiam answers long-term keys from its records (keys given by the environment need not
// follow AWS's layout) and every other key ID from its layout — which is how podiam mints its `ASIA…`
// keys, so any replica answers for temporary credentials without a record per session.
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { accountOfAccessKeyId } from './access-key-account.ts';

const input = {
  type: 'structure',
  members: { AccessKeyId: { type: 'string', min: 16, max: 128, pattern: '[\\w]*' } },
  required: ['AccessKeyId'],
} as const;

const output = { type: 'structure', members: { Account: { type: 'string' } } } as const;

export const getAccessKeyInfo = operation({
  name: 'GetAccessKeyInfo',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    ctx.authorize({ action: 'sts:GetAccessKeyInfo', resource: '*' });
    const account = ctx.snapshot.accessKeys.get(req.AccessKeyId)?.accountId ?? accountOfAccessKeyId(req.AccessKeyId);
    // podiam's wording: AWS's answer for an ID that is not an access key ID is not public.
    if (account === undefined) throw awsError('InvalidParameterValue', `${req.AccessKeyId} is not a valid access key ID.`);
    return { Account: account };
  },
});
