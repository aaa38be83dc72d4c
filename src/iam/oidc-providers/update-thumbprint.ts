// UpdateOpenIDConnectProviderThumbprint (IAM API Reference): replaces the whole thumbprint list.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedOidcProvider } from '../entities/oidc-providers.ts';
import { ARN } from '../shapes/common.ts';
import { checkThumbprints, THUMBPRINT } from './provider-lists.ts';

const input = {
  type: 'structure',
  members: { OpenIDConnectProviderArn: ARN, ThumbprintList: { type: 'list', member: THUMBPRINT } },
  required: ['OpenIDConnectProviderArn', 'ThumbprintList'],
} as const;

export const updateOpenIDConnectProviderThumbprint = operation({
  name: 'UpdateOpenIDConnectProviderThumbprint',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const thumbprints = checkThumbprints([...new Set(req.ThumbprintList.map((t) => t.toLowerCase()))]);
    await ctx.store.transaction(async (tx) => {
      const provider = await authorizedOidcProvider(ctx, tx, accountId, 'iam:UpdateOpenIDConnectProviderThumbprint', req.OpenIDConnectProviderArn);
      await tx.oidcProviders.update(provider.arn, { thumbprints });
    });
    await ctx.refresh();
    return undefined;
  },
});
