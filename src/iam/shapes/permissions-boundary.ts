// `AttachedPermissionsBoundary` as users and roles return it.

/** The `PermissionsBoundary` member, present only when a boundary is set. */
export function permissionsBoundaryOutput(arn: string | undefined) {
  return arn === undefined ? {} : { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const, PermissionsBoundaryArn: arn } };
}
