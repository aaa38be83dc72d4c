// RemoveClientIDFromOpenIDConnectProvider (IAM API Reference): removing one that is not there
// succeeds, as IAM does.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedOidcProvider } from '../entities/oidc-providers.ts';
import { ARN } from '../shapes/common.ts';
import { CLIENT_ID } from './provider-lists.ts';

const input = { type: 'structure', members: { OpenIDConnectProviderArn: ARN, ClientID: CLIENT_ID }, required: ['OpenIDConnectProviderArn', 'ClientID'] } as const;

export const removeClientIDFromOpenIDConnectProvider = operation({
  name: 'RemoveClientIDFromOpenIDConnectProvider',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const provider = await authorizedOidcProvider(ctx, tx, accountId, 'iam:RemoveClientIDFromOpenIDConnectProvider', req.OpenIDConnectProviderArn);
      await tx.oidcProviders.update(provider.arn, { clientIds: provider.clientIds.filter((c) => c !== req.ClientID) });
    });
    await ctx.refresh();
    return undefined;
  },
});
