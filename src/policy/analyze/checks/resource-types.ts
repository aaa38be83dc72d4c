// podiam's own check (Access Analyzer makes none): actions paired with resources they cannot act on.
// Service Authorization Reference, "Actions, resources, and condition keys for AWS services": an action with no
// resource types "does not support specifying a resource ARN in the Resource element"; it matches only
// `"Resource": "*"`. An action acts only on resources of its listed resource types, so a statement whose
// resources match none of them never applies to the action.
import type { Statement } from '../../ast.ts';
import { arnMatchesFormat } from '../arn.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, elementPath } from '../paths.ts';
import { arnIssue } from './resource.ts';
import type { CatalogAction } from '../service-catalog.ts';
import { compileWildcard } from '../../wildcard.ts';

/** Resource-type checks for each action a statement names without wildcards. */
export function checkResourceTypes(ctx: AnalysisContext, statement: Statement): Finding[] {
  const resource = statement.resource;
  if (resource?.kind !== 'Resource' || resource.values.length === 0 || statement.action.kind !== 'Action') return [];
  if (ctx.policyType !== 'IDENTITY_POLICY' && ctx.policyType !== 'RESOURCE_POLICY') return [];
  const values = resource.values;
  // `*` as the request's resource: a value whose pattern matches the single character "*".
  const matchesStar = values.some((v) => compileWildcard(v, false)('*'));
  const findings: Finding[] = [];
  const effect = statement.effect === 'Allow' ? 'allow' : 'deny';
  const type = statement.effect === 'Allow' ? 'WARNING' : 'SECURITY_WARNING';
  statement.action.values.forEach((value, i) => {
    const r = ctx.resolveAction(value);
    if (r.kind !== 'actions' || r.wildcard) return;
    const action = r.actions[0];
    if (action === undefined) return;
    const path = elementPath(ctx.policy, statement, 'Action', i);
    const name = `${action.service}:${action.name}`;
    if (action.resourceTypes.length === 0) {
      if (!matchesStar) {
        findings.push(makeFinding('ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS', at(path), { action: name, effect }, type));
      }
      return;
    }
    // A value that is not a valid ARN already has its own finding; it is not judged again here.
    if (matchesStar || values.some((v) => arnIssue(ctx, v) !== undefined || actionCanActOn(ctx, action, v))) return;
    findings.push(
      makeFinding(
        'RESOURCE_TYPE_MISMATCH_FOR_ACTION',
        at(path),
        { action: name, effect, resourceTypes: action.resourceTypes.map((t) => t.name).join(', ') },
        type,
      ),
    );
  });
  return findings;
}

/** True when a Resource value can name a resource of one of the action's resource types. */
function actionCanActOn(ctx: AnalysisContext, action: CatalogAction, value: string): boolean {
  return action.resourceTypes.some((t) => {
    const type = ctx.catalog.resourceType(action.service, t.name);
    // A resource type the catalog cannot describe is given the benefit of the doubt.
    if (type === undefined || type.arnFormats.length === 0) return true;
    return type.arnFormats.some((format) => arnMatchesFormat(value, format));
  });
}
