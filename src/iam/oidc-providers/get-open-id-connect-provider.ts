// GetOpenIDConnectProvider (IAM API Reference): the provider's URL (without scheme), client IDs,
// thumbprints, creation date and tags.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedOidcProvider } from '../entities/oidc-providers.ts';
import { ARN, TAGS } from '../shapes/common.ts';
import { tagsOutput } from '../tags/tag-list.ts';
import { CLIENT_ID, THUMBPRINT } from './provider-lists.ts';

const input = { type: 'structure', members: { OpenIDConnectProviderArn: ARN }, required: ['OpenIDConnectProviderArn'] } as const;
const output = {
  type: 'structure',
  members: {
    Url: { type: 'string' },
    ClientIDList: { type: 'list', member: CLIENT_ID },
    ThumbprintList: { type: 'list', member: THUMBPRINT },
    CreateDate: { type: 'timestamp' },
    Tags: TAGS,
  },
} as const;

export const getOpenIDConnectProvider = operation({
  name: 'GetOpenIDConnectProvider',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const provider = await authorizedOidcProvider(ctx, ctx.store, callerAccount(ctx), 'iam:GetOpenIDConnectProvider', req.OpenIDConnectProviderArn);
    return {
      Url: provider.url,
      ClientIDList: [...provider.clientIds],
      ThumbprintList: [...provider.thumbprints],
      CreateDate: provider.createdAt,
      Tags: tagsOutput(provider.tags),
    };
  },
});
