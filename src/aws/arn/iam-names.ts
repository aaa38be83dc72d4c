// Names and paths of IAM and STS entities, with the limits the IAM and STS API References give
// (CreateRole RoleName, CreateUser UserName, Path, CreatePolicy PolicyName, AssumeRole
// RoleSessionName) and the ValidationError AWS answers with.

import { validationError, type AwsError, type ConstraintViolation } from '../errors/index.ts';

/** One name rule: lengths and a whole-value pattern, as the API model states it. */
export interface NameRule {
  readonly min: number;
  readonly max: number;
  /** AWS's pattern text, quoted in the error. */
  readonly pattern: string;
  readonly regex: RegExp;
}

const WORD_CHARS = '[\\w+=,.@-]';

export const ROLE_NAME: NameRule = { min: 1, max: 64, pattern: `${WORD_CHARS}+`, regex: /^[\w+=,.@-]+$/ };
export const USER_NAME: NameRule = { min: 1, max: 64, pattern: `${WORD_CHARS}+`, regex: /^[\w+=,.@-]+$/ };
export const POLICY_NAME: NameRule = { min: 1, max: 128, pattern: `${WORD_CHARS}+`, regex: /^[\w+=,.@-]+$/ };
export const ROLE_SESSION_NAME: NameRule = { min: 2, max: 64, pattern: `${WORD_CHARS}*`, regex: /^[\w+=,.@-]*$/ };
/** A path: `/` alone or `/` + printable ASCII + `/`, up to 512 characters. */
export const PATH: NameRule = {
  min: 1,
  max: 512,
  pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
  regex: /^(?:\/|\/[\u0021-\u007E]+\/)$/,
};

/** The violations of a name against its rule, in AWS's order (length, then pattern). */
export function nameViolations(rule: NameRule, value: string, path: string): ConstraintViolation[] {
  const out: ConstraintViolation[] = [];
  if (value.length < rule.min) out.push({ path, value, constraint: `Member must have length greater than or equal to ${rule.min}` });
  if (value.length > rule.max) out.push({ path, value, constraint: `Member must have length less than or equal to ${rule.max}` });
  if (!rule.regex.test(value)) out.push({ path, value, constraint: `Member must satisfy regular expression pattern: ${rule.pattern}` });
  return out;
}

/** Checks a name; the ValidationError names the member (`roleName`, `roleSessionName`, ...). */
export function checkName(rule: NameRule, value: string, member: string): AwsError | undefined {
  const violations = nameViolations(rule, value, member);
  return violations.length === 0 ? undefined : validationError(violations);
}
