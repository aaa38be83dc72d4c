// CreateInstanceProfile (IAM API Reference): an empty instance profile, with an optional path and tags
// (which need `iam:TagInstanceProfile` as well). Names are unique per account without regard to case;
// an account holds at most 1,000 profiles ("IAM and AWS STS quotas": InstanceProfilesPerAccount).
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { newUniqueId } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PATH, TAGS } from '../shapes/common.ts';
import { authorizeCreate } from '../tags/authorize-create.ts';
import { TAG_KEY_CASE, tagsOfInput } from '../tags/tag-list.ts';
import {
  INSTANCE_PROFILE_NAME,
  instanceProfileAlreadyExists,
  instanceProfileArn,
  MAX_INSTANCE_PROFILES_PER_ACCOUNT,
} from './instance-profile-entity.ts';
import { INSTANCE_PROFILE, instanceProfileOutput } from './instance-profile-output.ts';

const input = {
  type: 'structure',
  members: { InstanceProfileName: INSTANCE_PROFILE_NAME, Path: PATH, Tags: TAGS },
  required: ['InstanceProfileName'],
} as const;
const output = { type: 'structure', members: { InstanceProfile: INSTANCE_PROFILE }, required: ['InstanceProfile'] } as const;

export const createInstanceProfile = operation({
  name: 'CreateInstanceProfile',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const path = req.Path ?? '/';
    const arn = instanceProfileArn(accountId, path, req.InstanceProfileName);
    const tags = tagsOfInput(req.Tags, TAG_KEY_CASE.InstanceProfile);
    authorizeCreate(ctx, { create: 'iam:CreateInstanceProfile', tag: 'iam:TagInstanceProfile' }, arn, tags);
    const profile = await ctx.store.transaction(async (tx) => {
      if ((await tx.instanceProfiles.count(accountId)) >= MAX_INSTANCE_PROFILES_PER_ACCOUNT) {
        throw awsError('LimitExceeded', `Cannot exceed quota for InstanceProfilesPerAccount: ${MAX_INSTANCE_PROFILES_PER_ACCOUNT}`);
      }
      const inserted = await tx.instanceProfiles.insert({
        instanceProfileId: newUniqueId('AIPA'),
        accountId,
        name: req.InstanceProfileName,
        path,
        tags,
        createdAt: ctx.now,
      });
      if (inserted instanceof StoreConflict) throw instanceProfileAlreadyExists(req.InstanceProfileName);
      return inserted;
    });
    await ctx.refresh();
    ctx.audit.resources.push({ ARN: arn, type: 'AWS::IAM::InstanceProfile', accountId });
    return { InstanceProfile: instanceProfileOutput(profile, [], 'full', ctx.snapshot) };
  },
  audit: {
    responseElements: (out) => ({
      instanceProfile: {
        path: out.InstanceProfile.Path,
        instanceProfileName: out.InstanceProfile.InstanceProfileName,
        instanceProfileId: out.InstanceProfile.InstanceProfileId,
        arn: out.InstanceProfile.Arn,
        createDate: out.InstanceProfile.CreateDate,
        roles: [],
      },
    }),
  },
});
