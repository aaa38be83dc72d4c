// Which role a pod gets, decided as kube2iam does (annotation, else `--default-role`, then the
// namespace restriction, the default role always allowed) and, for container credentials, from the
// pod's service account's `eks.amazonaws.com/role-arn` (also subject to the namespace restriction,
// since the node role assumes it on the pod's behalf and the role's trust policy cannot tell
// namespaces apart).
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { PodView } from '../pods/pod-view.ts';
import type { AllowedRoles } from './namespace-restriction.ts';
import { resolveRoleReference } from './role-reference.ts';
import type { RoleRules } from './role-rules.ts';

/** Where a pod's role came from. */
export type RoleSource = 'annotation' | 'default-role' | 'service-account';

/** The decision for one pod. */
export type RoleDecision =
  | { readonly kind: 'role'; readonly role: RoleArn; readonly externalId: string | undefined; readonly source: RoleSource }
  | { readonly kind: 'no-role' }
  | { readonly kind: 'invalid-role'; readonly value: string }
  | { readonly kind: 'not-allowed'; readonly role: RoleArn };

const NO_ROLE: RoleDecision = { kind: 'no-role' };

/** The instance-metadata role of a pod (kube2iam's annotation rules). */
export function decidePodRole(pod: PodView, rules: RoleRules, allowedRoles: (namespace: string) => AllowedRoles): RoleDecision {
  const annotated = pod.annotations[rules.roleKey];
  const externalId = nonEmpty(pod.annotations[rules.externalIdKey]);
  if (annotated === undefined) {
    if (rules.defaultRole === undefined) return NO_ROLE;
    return { kind: 'role', role: rules.defaultRole, externalId, source: 'default-role' };
  }
  const role = resolveRoleReference(annotated, rules.baseRoleArn);
  if (role === undefined) return { kind: 'invalid-role', value: annotated };
  if (rules.defaultRole !== undefined && role.arn === rules.defaultRole.arn) return { kind: 'role', role, externalId, source: 'annotation' };
  if (rules.namespaceRestrictions && !allowedRoles(pod.namespace).allows(role)) return { kind: 'not-allowed', role };
  return { kind: 'role', role, externalId, source: 'annotation' };
}

/** The container-credentials role of a pod: its service account's role-arn annotation. */
export function decideServiceAccountRole(
  pod: PodView,
  serviceAccountAnnotations: Readonly<Record<string, string>> | undefined,
  rules: RoleRules,
  allowedRoles: (namespace: string) => AllowedRoles,
): RoleDecision {
  const annotated = serviceAccountAnnotations?.[rules.serviceAccountRoleKey];
  if (annotated === undefined || annotated.trim() === '') return NO_ROLE;
  // The service-account annotation is a full ARN (amazon-eks-pod-identity-webhook reads it so).
  if (!annotated.trim().startsWith('arn:')) return { kind: 'invalid-role', value: annotated };
  const role = resolveRoleReference(annotated, undefined);
  if (role === undefined) return { kind: 'invalid-role', value: annotated };
  if (rules.namespaceRestrictions && !allowedRoles(pod.namespace).allows(role)) return { kind: 'not-allowed', role };
  return { kind: 'role', role, externalId: undefined, source: 'service-account' };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
