// DescribeOrganization (Organizations API Reference): "This operation can be called from any account in
// the organization."
import { operation } from '../api/index.ts';
import { authorizeOrg, callerOrganization } from './org-access.ts';
import { notInUse } from './org-errors.ts';
import { organizationShape } from './org-shapes.ts';
import { organizationView } from './org-views.ts';

const input = { type: 'structure', members: {} } as const;
const output = { type: 'structure', members: { Organization: organizationShape } } as const;

export const describeOrganization = operation({
  name: 'DescribeOrganization',
  input,
  output,
  readOnly: true,
  async run(ctx) {
    authorizeOrg(ctx, { action: 'organizations:DescribeOrganization', resource: '*' });
    const found = await callerOrganization(ctx);
    if (found === undefined) throw notInUse();
    const management = await ctx.store.accounts.get(found.organization.managementAccountId);
    return { Organization: organizationView(found.organization, management?.email ?? '') };
  },
  audit: { requestParameters: () => null },
});
