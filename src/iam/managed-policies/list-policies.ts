// ListPolicies (IAM API Reference): managed policies the account can use — its own (Scope Local), AWS
// managed ones (AWS) or both (All, the default) — by name, optionally only those attached to one of
// its identities, under a path prefix, or used as permissions or as boundaries (PolicyUsageFilter).
import { operation } from '../../api/index.ts';
import type { ManagedPolicyListing } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, allPages, pageMembers, pageOf, pageRequest, storePage } from '../pagination.ts';
import { PAGE_MEMBERS, POLICY_PATH } from '../shapes/common.ts';
import { POLICY, policyOutput } from '../shapes/managed-policy.ts';

const input = {
  type: 'structure',
  members: {
    Scope: { type: 'string', enum: ['All', 'AWS', 'Local'] },
    OnlyAttached: { type: 'boolean' },
    PathPrefix: POLICY_PATH,
    PolicyUsageFilter: { type: 'string', enum: ['PermissionsPolicy', 'PermissionsBoundary'] },
    ...PAGE_INPUT,
  },
} as const;
const output = { type: 'structure', members: { Policies: { type: 'list', member: POLICY }, ...PAGE_MEMBERS } } as const;

function listed(p: ManagedPolicyListing) {
  return policyOutput(p, p, 'listed');
}

export const listPolicies = operation({
  name: 'ListPolicies',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:ListPolicies', resource: `arn:aws:iam::${accountId}:policy${req.PathPrefix ?? '/'}` });
    const request = { accountId, scope: req.Scope ?? 'All', pathPrefix: req.PathPrefix, onlyAttached: req.OnlyAttached };
    const usage = req.PolicyUsageFilter;
    if (usage === undefined) {
      const page = storePage(await ctx.store.managedPolicies.list({ ...request, ...pageRequest(req) }));
      return { Policies: page.items.map(listed), ...pageMembers(page) };
    }
    // PermissionsBoundary: the policies that set a boundary; PermissionsPolicy: every policy (any can
    // be a permissions policy), or with OnlyAttached those attached as one.
    const all = await allPages((page) => ctx.store.managedPolicies.list({ ...request, onlyAttached: false, ...page }));
    const used = all.filter((p) =>
      usage === 'PermissionsBoundary' ? p.permissionsBoundaryUsageCount > 0 : req.OnlyAttached !== true || p.attachmentCount > 0,
    );
    const page = pageOf(`policies:${usage}`, used, pageRequest(req));
    return { Policies: page.items.map(listed), ...pageMembers(page) };
  },
});
