// ListOpenIDConnectProviders (IAM API Reference): the ARNs of the account's OIDC providers (not paged).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';

const input = { type: 'structure', members: {} } as const;
const output = {
  type: 'structure',
  members: { OpenIDConnectProviderList: { type: 'list', member: { type: 'structure', members: { Arn: { type: 'string' } } } } },
} as const;

export const listOpenIDConnectProviders = operation({
  name: 'ListOpenIDConnectProviders',
  input,
  output,
  readOnly: true,
  async run(ctx) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:ListOpenIDConnectProviders', resource: '*' });
    const providers = await ctx.store.oidcProviders.list(accountId);
    return { OpenIDConnectProviderList: providers.map((p) => ({ Arn: p.arn })) };
  },
});
