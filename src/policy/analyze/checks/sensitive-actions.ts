// iam:PassRole and iam:CreateServiceLinkedRole granted on more than named resources.
// IAM policy validation check reference: "Security Warning – Pass role with star in resource", "... with star
// in action and resource", "... with star in resource and NotAction", "... with NotResource", "... with star
// in action and NotResource", "... with NotAction and NotResource", and the six "General Warning – Create SLR
// with ..." checks. "Some AWS services include their service namespace in the name of their role ... the
// following resource ARN might not generate a finding: arn:aws:iam::*:role/Service*".
import type { Statement } from '../../ast.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding, type IssueCode } from '../issues.ts';
import { at, elementPath } from '../paths.ts';
import { compileWildcard } from '../../wildcard.ts';

interface SensitiveAction {
  readonly action: string;
  /** A condition key that scopes the grant well enough to silence the wildcard-resource findings. */
  readonly scopingKey?: string;
  readonly codes: {
    readonly starInResource: IssueCode;
    readonly starInActionAndResource: IssueCode;
    readonly starInResourceAndNotAction: IssueCode;
    readonly notResource: IssueCode;
    readonly starInActionAndNotResource: IssueCode;
    readonly notActionAndNotResource: IssueCode;
  };
}

const SENSITIVE_ACTIONS: readonly SensitiveAction[] = [
  {
    action: 'iam:PassRole',
    scopingKey: 'iam:passedtoservice',
    codes: {
      starInResource: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      starInActionAndResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
      starInResourceAndNotAction: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
      notResource: 'PASS_ROLE_WITH_NOT_RESOURCE',
      starInActionAndNotResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
      notActionAndNotResource: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    },
  },
  {
    action: 'iam:CreateServiceLinkedRole',
    codes: {
      starInResource: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
      starInActionAndResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
      starInResourceAndNotAction: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
      notResource: 'CREATE_SLR_WITH_NOT_RESOURCE',
      starInActionAndNotResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
      notActionAndNotResource: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    },
  },
];

/** A Resource value that names every role: `*`, `arn:aws:iam::*:*`, `arn:aws:iam::123456789012:role/*`. */
function isStarResource(value: string): boolean {
  return value === '*' || /^arn:[^:]*:(iam|\*):[^:]*:[^:]*:(\*|role\/\*)$/.test(value);
}

/** PassRole and CreateServiceLinkedRole checks for an Allow statement of an identity policy. */
export function checkSensitiveActions(ctx: AnalysisContext, statement: Statement): Finding[] {
  if (ctx.policyType !== 'IDENTITY_POLICY' || statement.effect !== 'Allow' || statement.resource === undefined) return [];
  const findings: Finding[] = [];
  const resource = statement.resource;
  const action = statement.action;
  for (const sensitive of SENSITIVE_ACTIONS) {
    const matching = action.values
      .map((value, i) => ({ value, i }))
      .filter(({ value }) => compileWildcard(value, true)(sensitive.action));
    const grants = action.kind === 'Action' ? matching.length > 0 : matching.length === 0;
    if (!grants) continue;
    // A value that names the action without wildcards wins over wildcards that also match it.
    const literal = matching.find(({ value }) => value.toLowerCase() === sensitive.action.toLowerCase());
    const star = action.kind === 'Action' && literal === undefined;
    const scoped =
      sensitive.scopingKey !== undefined && statement.conditions.some((c) => c.key.toLowerCase() === sensitive.scopingKey);

    let code: IssueCode | undefined;
    if (resource.kind === 'NotResource') {
      code =
        action.kind === 'NotAction'
          ? sensitive.codes.notActionAndNotResource
          : star
            ? sensitive.codes.starInActionAndNotResource
            : sensitive.codes.notResource;
    } else if (resource.values.some(isStarResource) && !scoped) {
      code =
        action.kind === 'NotAction'
          ? sensitive.codes.starInResourceAndNotAction
          : star
            ? sensitive.codes.starInActionAndResource
            : sensitive.codes.starInResource;
    }
    if (code === undefined) continue;
    // The finding points at the resource that makes the grant broad.
    const starIndex = resource.kind === 'Resource' ? resource.values.findIndex(isStarResource) : -1;
    const path = elementPath(ctx.policy, statement, resource.kind, starIndex >= 0 ? starIndex : undefined);
    findings.push(makeFinding(code, at(path)));
  }
  return findings;
}
