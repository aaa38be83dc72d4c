// Put{Role,User,Group}Policy (IAM API Reference): adds or replaces an inline policy. The document is
// an identity policy; the entity's inline policies share one size quota (role 10,240, user 2,048,
// group 5,120 characters, white space not counted: "IAM and AWS STS quotas").
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { allPages } from '../pagination.ts';
import { checkInlineDocument, documentSize } from '../policy-documents.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import type { PolicyHolder } from '../principals/policy-holders.ts';
import { POLICY_DOCUMENT, POLICY_NAME } from '../shapes/common.ts';

/** The Put{X}Policy operation of a kind of identity. */
export function putInlinePolicy(holder: PolicyHolder): Operation {
  return operation({
    name: `Put${holder.noun}Policy`,
    input: keyedStructure({ [holder.keyMember]: holder.keyShape, PolicyName: POLICY_NAME, PolicyDocument: POLICY_DOCUMENT }, [holder.keyMember, 'PolicyName', 'PolicyDocument']),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const policyName = String(req['PolicyName']);
      const document = String(req['PolicyDocument']);
      await ctx.store.transaction(async (tx) => {
        const entity = await holder.find(ctx, tx, accountId, `iam:Put${holder.noun}Policy`, String(req[holder.keyMember]));
        const others = (await allPages((page) => tx.inlinePolicies.list(entity.id, page)))
          .filter((p) => p.policyName.toLowerCase() !== policyName.toLowerCase())
          .reduce((total, p) => total + documentSize(p.document), 0);
        checkInlineDocument(document, holder.inlineSize, others, entity.name);
        await tx.inlinePolicies.put({ principalId: entity.id, principalType: holder.principalType, accountId, policyName, document });
      });
      await ctx.refresh();
      return undefined;
    },
  });
}
