// Tag{X}, Untag{X} and List{X}Tags for the IAM resources that carry tags (roles, users, managed
// policies, OIDC providers, instance profiles): the same rules for each (IAM User Guide, "Tagging IAM
// resources"), so one definition of each operation, made for every taggable kind. Each needs
// `iam:Tag{X}` / `iam:Untag{X}` / `iam:List{X}Tags` on the resource, with `aws:RequestTag/…` and
// `aws:TagKeys`.
import { operation, type CallContext, type Operation } from '../../api/index.ts';
import type { StringShape, StructureShape } from '../../aws/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { StoreRepos, Tag } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { PAGE_MEMBERS, TAG_KEYS, TAGS } from '../shapes/common.ts';
import { mergeTags, removeTags, requestTagContext, TAG_KEY_CASE, tagsOfInput, tagsOutput, type TagInput } from './tag-list.ts';

/** A kind of IAM resource that carries tags. */
export interface Taggable<E> {
  /** The noun in the operation names: `Role`, `User`, `Policy`, `OpenIDConnectProvider`, `InstanceProfile`. */
  readonly noun: keyof typeof TAG_KEY_CASE;
  /** The request member naming the resource (`RoleName`, `PolicyArn`) and its shape. */
  readonly keyMember: string;
  readonly keyShape: StringShape;
  /** The quota a full tag set names (`TagsPerRole`). */
  readonly quota: string;
  /** The resource, after authorizing `action` on it. */
  find(ctx: CallContext, repos: StoreRepos, accountId: string, action: string, key: string, context?: Readonly<Record<string, ContextValue>>): Promise<E>;
  tagsOf(entity: E): readonly Tag[];
  save(repos: StoreRepos, entity: E, tags: readonly Tag[]): Promise<void>;
}

function inputShape(entity: Taggable<unknown>, extra: StructureShape['members'], required: readonly string[]): StructureShape {
  return { type: 'structure', members: { [entity.keyMember]: entity.keyShape, ...extra }, required: [entity.keyMember, ...required] };
}

/** `Tag{X}`: adds tags, replacing values of keys it already has. */
export function tagOperation<E>(entity: Taggable<E>): Operation {
  return operation({
    name: `Tag${entity.noun}`,
    input: inputShape(entity, { Tags: TAGS }, ['Tags']),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const keyCase = TAG_KEY_CASE[entity.noun];
      const added = tagsOfInput(req['Tags'] as TagInput, keyCase);
      await ctx.store.transaction(async (tx) => {
        const found = await entity.find(ctx, tx, accountId, `iam:Tag${entity.noun}`, String(req[entity.keyMember]), requestTagContext(added));
        await entity.save(tx, found, mergeTags(entity.tagsOf(found), added, entity.quota, keyCase));
      });
      await ctx.refresh();
      return undefined;
    },
  });
}

/** `Untag{X}`: removes tags by key. */
export function untagOperation<E>(entity: Taggable<E>): Operation {
  return operation({
    name: `Untag${entity.noun}`,
    input: inputShape(entity, { TagKeys: TAG_KEYS }, ['TagKeys']),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const keys = req['TagKeys'] as string[];
      await ctx.store.transaction(async (tx) => {
        const found = await entity.find(ctx, tx, accountId, `iam:Untag${entity.noun}`, String(req[entity.keyMember]), { 'aws:TagKeys': keys });
        await entity.save(tx, found, removeTags(entity.tagsOf(found), keys, TAG_KEY_CASE[entity.noun]));
      });
      await ctx.refresh();
      return undefined;
    },
  });
}

const LIST_TAGS_OUTPUT = {
  type: 'structure',
  members: { Tags: TAGS, ...PAGE_MEMBERS },
  required: ['Tags'],
} as const;

/** `List{X}Tags`: the tags in the order they were added, a page at a time. */
export function listTagsOperation<E>(entity: Taggable<E>): Operation {
  return operation({
    name: `List${entity.noun}Tags`,
    input: inputShape(entity, PAGE_INPUT, []),
    output: LIST_TAGS_OUTPUT,
    readOnly: true,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const found = await entity.find(ctx, ctx.store, accountId, `iam:List${entity.noun}Tags`, String(req[entity.keyMember]));
      const page = pageOf(`tags:${entity.noun}`, entity.tagsOf(found), pageRequest({ Marker: req['Marker'] as string | undefined, MaxItems: req['MaxItems'] as number | undefined }));
      return { Tags: tagsOutput(page.items), ...pageMembers(page) };
    },
  });
}

/** Tag{X}, Untag{X} and List{X}Tags of one kind of resource. */
export function tagOperations<E>(entity: Taggable<E>): Operation[] {
  return [tagOperation(entity), untagOperation(entity), listTagsOperation(entity)];
}
