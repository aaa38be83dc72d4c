// GetCallerIdentity (STS API Reference): who the credentials belong to. Needs no permission, and an
// explicit deny cannot refuse it.
import { operation } from '../api/index.ts';

const input = { type: 'structure', members: {} } as const;
const output = {
  type: 'structure',
  members: {
    UserId: { type: 'string' },
    Account: { type: 'string' },
    Arn: { type: 'string' },
  },
} as const;

export const getCallerIdentity = operation({
  name: 'GetCallerIdentity',
  input,
  output,
  readOnly: true,
  async run(ctx) {
    const caller = ctx.requireCaller();
    return { UserId: caller.userId, Account: caller.principal.accountId ?? '', Arn: caller.principal.arn };
  },
  audit: { requestParameters: () => null },
});
