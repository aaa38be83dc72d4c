// AddClientIDToOpenIDConnectProvider (IAM API Reference): one more accepted audience; adding one that
// is already there changes nothing.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedOidcProvider } from '../entities/oidc-providers.ts';
import { ARN } from '../shapes/common.ts';
import { checkClientIds, CLIENT_ID } from './provider-lists.ts';

const input = { type: 'structure', members: { OpenIDConnectProviderArn: ARN, ClientID: CLIENT_ID }, required: ['OpenIDConnectProviderArn', 'ClientID'] } as const;

export const addClientIDToOpenIDConnectProvider = operation({
  name: 'AddClientIDToOpenIDConnectProvider',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const provider = await authorizedOidcProvider(ctx, tx, accountId, 'iam:AddClientIDToOpenIDConnectProvider', req.OpenIDConnectProviderArn);
      if (provider.clientIds.includes(req.ClientID)) return;
      await tx.oidcProviders.update(provider.arn, { clientIds: checkClientIds([...provider.clientIds, req.ClientID]) });
    });
    await ctx.refresh();
    return undefined;
  },
});
