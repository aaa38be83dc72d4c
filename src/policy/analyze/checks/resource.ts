// Checks on Resource and NotResource values against ARN syntax and the services' ARN formats.
// IAM policy validation check reference: "Error – Invalid ARN prefix", "Error – Missing ARN field",
// "Error – Invalid partition", "Error – Invalid ARN service case", "Error – Invalid service",
// "Suggestion – Wildcard in service name", "Error – Invalid ARN resource", "Error – ARN Region not allowed",
// "Error – Missing ARN Region", "Error – Invalid ARN Region", "Error – ARN account not allowed",
// "Error – Missing ARN account", "Error – Invalid ARN account", "Suggestion – Redundant resource",
// "Error – Variable unsupported in version" and the variable syntax errors.
import type { Statement } from '../../ast.ts';
import { PARTITIONS, isPattern, patternCovers, segmentMatchesFormat, splitArn } from '../arn.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding, PathElement } from '../finding.ts';
import { makeFinding, type IssueCode } from '../issues.ts';
import { at, elementPath } from '../paths.ts';
import { hasVariable, variableIssue } from '../variables.ts';

/** ARN checks for one statement's Resource or NotResource values. */
export function checkResources(ctx: AnalysisContext, statement: Statement): Finding[] {
  const element = statement.resource;
  if (element === undefined || ctx.policyType === 'TRUST_POLICY') return [];
  const findings: Finding[] = [];
  element.values.forEach((value, i) => {
    const path = elementPath(ctx.policy, statement, element.kind, i);
    if (hasVariable(value)) {
      const syntax = variableIssue(value);
      if (syntax !== undefined) {
        findings.push(makeFinding(syntax, at(path)));
        return;
      }
      // Before 2012-10-17, `${...}` is literal text ("IAM JSON policy elements: Version").
      if (ctx.policy.version !== '2012-10-17') findings.push(makeFinding('VARIABLE_UNSUPPORTED_IN_VERSION', at(path)));
    }
    const issue = arnIssue(ctx, value);
    if (issue !== undefined) findings.push(makeFinding(issue.code, at(path), issue.params));
  });
  findings.push(...checkRedundantResources(ctx, statement));
  return findings;
}

interface ArnIssue {
  readonly code: IssueCode;
  readonly params: Record<string, string>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The first problem with one Resource value, or undefined when it can name resources of its service. */
export function arnIssue(ctx: AnalysisContext, value: string): ArnIssue | undefined {
  if (value === '*') return undefined;
  if (!value.startsWith('arn:')) {
    // A leading wildcard or variable may stand for the whole `arn:` prefix.
    return /^[*?$]/.test(value) ? undefined : { code: 'INVALID_ARN_PREFIX', params: {} };
  }
  const segments = splitArn(value);
  if (segments === undefined) {
    return value.includes('*') ? undefined : { code: 'MISSING_ARN_FIELD', params: { fields: '6' } };
  }
  const [, partition, service, region, account, resource] = segments;
  if (!isPattern(partition) && !PARTITIONS.includes(partition)) {
    return { code: 'INVALID_PARTITION', params: { service, partition, partitions: PARTITIONS.join(', ') } };
  }
  if (isPattern(service)) return service === '*' ? undefined : { code: 'WILDCARD_IN_SERVICE_NAME', params: {} };
  if (service !== service.toLowerCase()) return { code: 'INVALID_ARN_SERVICE_CASE', params: { service } };
  const types = ctx.catalog.resourceTypesForArnService(service);
  if (types.length === 0) return { code: 'INVALID_SERVICE', params: { service } };

  // The formats whose resource part this value can name.
  const candidates = types
    .flatMap((t) => t.arnFormats)
    .map((f) => splitArn(f))
    .filter((f) => f !== undefined && f[2] === service && segmentMatchesFormat(resource, f[5], true));
  if (candidates.length === 0) return { code: 'INVALID_ARN_RESOURCE', params: {} };

  const regionIssue = segmentIssue(region, candidates.map((f) => f?.[3] ?? ''));
  if (regionIssue === 'not-allowed') return { code: 'ARN_REGION_NOT_ALLOWED', params: { service } };
  if (regionIssue === 'missing') return { code: 'MISSING_ARN_REGION', params: { service } };
  if (regionIssue === 'given' && !isPattern(region) && !REGION.test(region)) {
    return { code: 'INVALID_ARN_REGION', params: { region } };
  }
  const accountIssue = segmentIssue(account, candidates.map((f) => f?.[4] ?? ''));
  if (accountIssue === 'not-allowed') return { code: 'ARN_ACCOUNT_NOT_ALLOWED', params: { service } };
  if (accountIssue === 'missing') return { code: 'MISSING_ARN_ACCOUNT', params: { resourceName: value } };
  // `aws` is the account of AWS managed policies (`arn:aws:iam::aws:policy/...`).
  if (accountIssue === 'given' && !isPattern(account) && !/^\d{12}$/.test(account) && account !== 'aws') {
    return { code: 'INVALID_ARN_ACCOUNT', params: { account } };
  }
  return undefined;
}

/** Whether a region or account segment is present where every matching format forbids or requires it. */
function segmentIssue(segment: string, formatSegments: readonly string[]): 'not-allowed' | 'missing' | 'given' | 'ok' {
  const wildcardOnly = /^[*?]+$/.test(segment);
  if (segment === '') return formatSegments.every((f) => f !== '') ? 'missing' : 'ok';
  if (formatSegments.every((f) => f === '')) return wildcardOnly ? 'ok' : 'not-allowed';
  return 'given';
}

function checkRedundantResources(ctx: AnalysisContext, statement: Statement): Finding[] {
  const element = statement.resource;
  if (element === undefined) return [];
  const values = element.values;
  const redundant: number[] = [];
  values.forEach((value, i) => {
    const covered = values.some(
      (other, j) => j !== i && !redundant.includes(j) && patternCovers(other, value, false) && (other !== value || j < i),
    );
    if (covered) redundant.push(i);
  });
  if (redundant.length === 0) return [];
  const locations = redundant.map((i) => ({ path: elementPath(ctx.policy, statement, element.kind, i) as PathElement[] }));
  return [makeFinding('REDUNDANT_RESOURCE', locations, { redundantResourceCount: String(redundant.length) })];
}
