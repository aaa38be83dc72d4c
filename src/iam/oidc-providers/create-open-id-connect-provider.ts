// CreateOpenIDConnectProvider (IAM API Reference): registers an OIDC issuer (a Kubernetes cluster's
// service-account issuer, GitHub Actions, ...) so that roles can trust its tokens. Client IDs are the
// accepted audiences (at most 100); thumbprints are optional nowadays, at most 5, each the 40 hex
// digits of a SHA-1 ("IAM and AWS STS quotas").
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { TAGS } from '../shapes/common.ts';
import { authorizeCreate } from '../tags/authorize-create.ts';
import { TAG_KEY_CASE, tagsOfInput, tagsOutput } from '../tags/tag-list.ts';
import { checkClientIds, checkThumbprints, CLIENT_ID, THUMBPRINT } from './provider-lists.ts';
import { storedProviderUrl } from './provider-url.ts';

const input = {
  type: 'structure',
  members: {
    Url: { type: 'string', min: 1, max: 255 },
    ClientIDList: { type: 'list', member: CLIENT_ID },
    ThumbprintList: { type: 'list', member: THUMBPRINT },
    Tags: TAGS,
  },
  required: ['Url'],
} as const;
const output = { type: 'structure', members: { OpenIDConnectProviderArn: { type: 'string' }, Tags: TAGS } } as const;

export const createOpenIDConnectProvider = operation({
  name: 'CreateOpenIDConnectProvider',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const url = storedProviderUrl(req.Url);
    const arn = `arn:aws:iam::${accountId}:oidc-provider/${url}`;
    const tags = tagsOfInput(req.Tags, TAG_KEY_CASE.OpenIDConnectProvider);
    authorizeCreate(ctx, { create: 'iam:CreateOpenIDConnectProvider', tag: 'iam:TagOpenIDConnectProvider' }, arn, tags);
    const clientIds = checkClientIds([...new Set(req.ClientIDList ?? [])]);
    const thumbprints = checkThumbprints([...new Set((req.ThumbprintList ?? []).map((t) => t.toLowerCase()))]);
    await ctx.store.transaction(async (tx) => {
      const inserted = await tx.oidcProviders.insert({ arn, accountId, url, clientIds, thumbprints, tags, jwks: undefined, createdAt: ctx.now });
      if (inserted instanceof StoreConflict) throw awsError('EntityAlreadyExists', `Provider with url ${req.Url.replace(/\/+$/, '')} already exists.`);
    });
    await ctx.refresh();
    ctx.audit.resources.push({ ARN: arn, type: 'AWS::IAM::OIDCProvider', accountId });
    return { OpenIDConnectProviderArn: arn, ...(tags.length > 0 ? { Tags: tagsOutput(tags) } : {}) };
  },
  audit: { responseElements: (out) => ({ openIDConnectProviderArn: out.OpenIDConnectProviderArn }) },
});
