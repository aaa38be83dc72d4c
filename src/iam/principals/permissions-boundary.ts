// Put/Delete{Role,User}PermissionsBoundary (IAM API Reference; IAM User Guide, "Permissions boundaries
// for IAM entities"): a managed policy (the account's own or AWS managed) that caps the identity's
// permissions. The request carries `iam:PermissionsBoundary` so policies can require a given boundary.
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { checkPolicyArn, policyNotAttachable, visiblePolicy } from '../entities/managed-policies.ts';
import { ARN } from '../shapes/common.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import { ROLE_HOLDER, USER_HOLDER, type PolicyHolder } from './policy-holders.ts';

async function setBoundary(holder: PolicyHolder, repos: Parameters<PolicyHolder['find']>[1], id: string, arn: string | null): Promise<void> {
  if (holder.noun === 'Role') await repos.roles.update(id, { permissionsBoundaryArn: arn });
  else await repos.users.update(id, { permissionsBoundaryArn: arn });
}

function putBoundary(holder: PolicyHolder): Operation {
  return operation({
    name: `Put${holder.noun}PermissionsBoundary`,
    input: keyedStructure({ [holder.keyMember]: holder.attachKeyShape, PermissionsBoundary: ARN }, [holder.keyMember, 'PermissionsBoundary']),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const arn = checkPolicyArn(String(req['PermissionsBoundary']));
      await ctx.store.transaction(async (tx) => {
        const entity = await holder.find(ctx, tx, accountId, `iam:Put${holder.noun}PermissionsBoundary`, String(req[holder.keyMember]), {
          'iam:PermissionsBoundary': arn,
        });
        if ((await visiblePolicy(tx, accountId, arn)) === undefined) throw policyNotAttachable(arn);
        await setBoundary(holder, tx, entity.id, arn);
      });
      await ctx.refresh();
      return undefined;
    },
  });
}

function deleteBoundary(holder: PolicyHolder): Operation {
  return operation({
    name: `Delete${holder.noun}PermissionsBoundary`,
    input: keyedStructure({ [holder.keyMember]: holder.attachKeyShape }, [holder.keyMember]),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      await ctx.store.transaction(async (tx) => {
        const entity = await holder.find(ctx, tx, accountId, `iam:Delete${holder.noun}PermissionsBoundary`, String(req[holder.keyMember]));
        await setBoundary(holder, tx, entity.id, null);
      });
      await ctx.refresh();
      return undefined;
    },
  });
}

export const putRolePermissionsBoundary = putBoundary(ROLE_HOLDER);
export const deleteRolePermissionsBoundary = deleteBoundary(ROLE_HOLDER);
export const putUserPermissionsBoundary = putBoundary(USER_HOLDER);
export const deleteUserPermissionsBoundary = deleteBoundary(USER_HOLDER);
