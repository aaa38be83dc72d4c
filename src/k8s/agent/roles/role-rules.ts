// The role configuration the agent applies to every pod (kube2iam's flags, checked at start-up).
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { RestrictionFormat } from './namespace-restriction.ts';
import type { BaseRoleArn } from './role-reference.ts';

/** How pods name their roles. */
export interface RoleRules {
  /** Pod annotation naming the role (`--iam-role-key`). */
  readonly roleKey: string;
  /** Pod annotation carrying the external ID (`--iam-external-id`). */
  readonly externalIdKey: string;
  /** Namespace annotation listing allowed roles (`--namespace-key`). */
  readonly namespaceKey: string;
  /** Service-account annotation naming the container-credentials role. */
  readonly serviceAccountRoleKey: string;
  readonly baseRoleArn: BaseRoleArn | undefined;
  /** `--default-role`, for pods without the annotation; always allowed, as in kube2iam. */
  readonly defaultRole: RoleArn | undefined;
  readonly namespaceRestrictions: boolean;
  readonly restrictionFormat: RestrictionFormat;
}
