// Policy validation beyond syntax, as IAM Access Analyzer's ValidatePolicy does it.
export { analyzePolicy, type AnalyzeOptions } from './analyze-policy.ts';
export { locateFindings } from './locate.ts';
export { syntaxFindings } from './syntax-findings.ts';
export type { Finding, FindingType, Location, PathElement, Position, Span } from './finding.ts';
export { ISSUES, isPodiamIssue, learnMoreLink, makeFinding, type IssueCode } from './issues.ts';
export {
  conditionKeyMatches,
  isMultivaluedType,
  type ActionResourceType,
  type CatalogAction,
  type CatalogConditionKey,
  type CatalogResourceType,
  type ConditionKeyType,
  type GlobalConditionKey,
  type ServiceCatalog,
} from './service-catalog.ts';
