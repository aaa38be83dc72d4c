// DeleteOpenIDConnectProvider (IAM API Reference): roles that trust it stay, but no token from it is
// accepted any more.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedOidcProvider } from '../entities/oidc-providers.ts';
import { ARN } from '../shapes/common.ts';

const input = { type: 'structure', members: { OpenIDConnectProviderArn: ARN }, required: ['OpenIDConnectProviderArn'] } as const;

export const deleteOpenIDConnectProvider = operation({
  name: 'DeleteOpenIDConnectProvider',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const provider = await authorizedOidcProvider(ctx, tx, accountId, 'iam:DeleteOpenIDConnectProvider', req.OpenIDConnectProviderArn);
      await tx.oidcProviders.delete(provider.arn);
    });
    await ctx.refresh();
    return undefined;
  },
});
