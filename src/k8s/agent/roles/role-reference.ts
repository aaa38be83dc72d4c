// Role references as kube2iam reads them: the `iam.amazonaws.com/role` annotation (and `--default-role`)
// hold either a full role ARN or a role name (optionally with an IAM path, `team-a/reader`) that is
// appended to `--base-role-arn`. Parsed once into a checked RoleArn; anything else is refused.
import { parseRoleArn, type RoleArn } from '../../../aws/arn/index.ts';

/** A base role ARN: `arn:<partition>:iam::<account>:role/` with an optional path, always ending in `/`. */
export type BaseRoleArn = string & { readonly __baseRoleArn: true };

const BASE_ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\u0021-\u007E]*\/)?$/;

/** Checks `--base-role-arn`, adding the trailing `/` as kube2iam does; undefined when it is not one. */
export function parseBaseRoleArn(text: string): BaseRoleArn | undefined {
  const withSlash = text.endsWith('/') ? text : `${text}/`;
  return BASE_ROLE_ARN.test(withSlash) ? (withSlash as BaseRoleArn) : undefined;
}

/** Resolves an annotation value (full ARN, or name under the base ARN) to a role ARN. */
export function resolveRoleReference(reference: string, base: BaseRoleArn | undefined): RoleArn | undefined {
  const text = reference.trim();
  if (text === '') return undefined;
  if (text.startsWith('arn:')) {
    const parsed = parseRoleArn(text);
    return parsed.ok ? parsed.value : undefined;
  }
  if (base === undefined) return undefined;
  const parsed = parseRoleArn(`${base}${text.startsWith('/') ? text.slice(1) : text}`);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * Whether the role name a client put in `.../security-credentials/<name>` designates the role: the
 * role's name (what instance metadata lists), kube2iam's form (path and name relative to the base
 * ARN), or the full ARN.
 */
export function designatesRole(requested: string, role: RoleArn, base: BaseRoleArn | undefined): boolean {
  if (requested === role.name || requested === role.arn) return true;
  return base !== undefined && role.arn.startsWith(base) && requested === role.arn.slice(base.length);
}
