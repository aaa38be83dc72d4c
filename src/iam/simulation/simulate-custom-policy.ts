// SimulateCustomPolicy (IAM API Reference): evaluates the given identity policies (and optionally a
// boundary, a resource policy and a caller) against actions and resources with the policy engine,
// without touching the account's own policies. Results are paginated as IAM paginates them.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { simulateCustomPolicy as simulate } from '../../policy/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { SIMULATION_INPUT, SIMULATION_OUTPUT } from './simulation-shapes.ts';

const input = { type: 'structure', members: SIMULATION_INPUT, required: ['PolicyInputList', 'ActionNames'] } as const;

export const simulateCustomPolicy = operation({
  name: 'SimulateCustomPolicy',
  input,
  output: SIMULATION_OUTPUT,
  readOnly: true,
  async run(ctx, req) {
    callerAccount(ctx);
    ctx.authorize({ action: 'iam:SimulateCustomPolicy', resource: '*' });
    const outcome = simulate({
      PolicyInputList: req.PolicyInputList,
      ActionNames: req.ActionNames,
      ...(req.ResourceArns !== undefined ? { ResourceArns: req.ResourceArns } : {}),
      ...(req.ResourcePolicy !== undefined ? { ResourcePolicy: req.ResourcePolicy } : {}),
      ...(req.ResourceOwner !== undefined ? { ResourceOwner: req.ResourceOwner } : {}),
      ...(req.CallerArn !== undefined ? { CallerArn: req.CallerArn } : {}),
      ...(req.ContextEntries !== undefined
        ? {
            ContextEntries: req.ContextEntries.map((e) => ({
              ContextKeyName: e.ContextKeyName ?? '',
              ContextKeyValues: e.ContextKeyValues ?? [],
              ContextKeyType: e.ContextKeyType ?? 'string',
            })),
          }
        : {}),
      ...(req.PermissionsBoundaryPolicyInputList !== undefined ? { PermissionsBoundaryPolicyInputList: req.PermissionsBoundaryPolicyInputList } : {}),
    });
    if (!outcome.ok) throw awsError(outcome.error.code, outcome.error.message);
    const page = pageOf('simulation', outcome.response.EvaluationResults, pageRequest(req));
    return { EvaluationResults: [...page.items], ...pageMembers(page) };
  },
  audit: { requestParameters: (req) => ({ actionNames: req.ActionNames, resourceArns: req.ResourceArns, callerArn: req.CallerArn }) },
});
