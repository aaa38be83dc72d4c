// ListInstanceProfiles (IAM API Reference): the account's instance profiles by name, optionally under a
// path prefix, a page at a time, without tags. Authorised, as IAM does, on the path the listing covers
// (`arn:aws:iam::ACCOUNT:instance-profile/PREFIX`).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { PAGE_MEMBERS, PATH_PREFIX } from '../shapes/common.ts';
import { instanceProfileArn } from './instance-profile-entity.ts';
import { INSTANCE_PROFILE, listedInstanceProfiles } from './instance-profile-output.ts';

const input = { type: 'structure', members: { PathPrefix: PATH_PREFIX, ...PAGE_INPUT } } as const;
const output = {
  type: 'structure',
  members: { InstanceProfiles: { type: 'list', member: INSTANCE_PROFILE }, ...PAGE_MEMBERS },
  required: ['InstanceProfiles'],
} as const;

export const listInstanceProfiles = operation({
  name: 'ListInstanceProfiles',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:ListInstanceProfiles', resource: instanceProfileArn(accountId, req.PathPrefix ?? '/', '') });
    const page = storePage(await ctx.store.instanceProfiles.list({ accountId, pathPrefix: req.PathPrefix, ...pageRequest(req) }));
    return { InstanceProfiles: await listedInstanceProfiles(ctx.store, page.items, ctx.snapshot), ...pageMembers(page) };
  },
});
