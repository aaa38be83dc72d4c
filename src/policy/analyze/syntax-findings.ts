// The parser's refusals as ERROR findings, under Access Analyzer's syntax issue codes where one fits
// (IAM policy validation check reference: "Error – Json syntax error", "Error – Data type mismatch",
// "Error – Invalid policy element", "Error – Missing statement", ...) and the parser's own issue otherwise.
import type { PolicyError, PolicyIssue } from '../parse/index.ts';
import type { Finding, PathElement } from './finding.ts';
import { learnMoreLink, type IssueCode } from './issues.ts';

const GRAMMAR = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html';

/** The Access Analyzer issue code for each parser issue; undefined keeps the parser's issue as the code. */
function issueCodeOf(issue: PolicyIssue): IssueCode | undefined {
  switch (issue) {
    case 'JSON_SYNTAX':
    case 'DUPLICATE_JSON_KEY':
      return 'JSON_SYNTAX_ERROR';
    case 'NOT_AN_OBJECT':
    case 'WRONG_TYPE':
      return 'DATA_TYPE_MISMATCH';
    case 'UNKNOWN_ELEMENT':
    case 'ELEMENT_NOT_SUPPORTED':
      return 'INVALID_POLICY_ELEMENT';
    case 'INVALID_VERSION':
    case 'VERSION_REQUIRED':
      return 'INVALID_VERSION';
    case 'MISSING_STATEMENT':
      return 'MISSING_STATEMENT';
    case 'MISSING_EFFECT':
      return 'MISSING_EFFECT';
    case 'INVALID_EFFECT':
      return 'INVALID_EFFECT';
    case 'INVALID_SID':
      return 'UNSUPPORTED_SID';
    case 'DUPLICATE_SID':
      return 'UNIQUE_SIDS_REQUIRED';
    case 'MISSING_ACTION':
      return 'MISSING_ACTION';
    case 'ACTION_AND_NOT_ACTION':
    case 'RESOURCE_AND_NOT_RESOURCE':
    case 'PRINCIPAL_AND_NOT_PRINCIPAL':
      return 'UNSUPPORTED_ELEMENT_COMBINATION';
    case 'ACTION_MISSING_VENDOR':
    case 'ACTION_TOO_MANY_COLONS':
    case 'ACTION_INVALID_VENDOR':
      return 'INVALID_ACTION';
    case 'MISSING_RESOURCE':
      return 'MISSING_RESOURCE';
    case 'RESOURCE_PROHIBITED':
      return 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE';
    case 'RESOURCE_NOT_ARN':
      return 'INVALID_ARN_PREFIX';
    case 'RESOURCE_INVALID_PARTITION':
      return 'INVALID_PARTITION';
    case 'RESOURCE_VENDOR_NOT_QUALIFIED':
      return 'MISSING_ARN_FIELD';
    case 'RESOURCE_REGION_NOT_ALLOWED':
      return 'ARN_REGION_NOT_ALLOWED';
    case 'RESOURCE_INVALID_IAM_PATH':
    case 'RESOURCE_LEGACY_PARSE':
      return 'INVALID_ARN_RESOURCE';
    case 'PRINCIPAL_PROHIBITED':
      return 'UNSUPPORTED_PRINCIPAL';
    case 'MISSING_PRINCIPAL':
      return 'MISSING_PRINCIPAL';
    case 'EMPTY_PRINCIPAL':
    case 'INVALID_PRINCIPAL':
      return 'INVALID_PRINCIPAL_FORMAT';
    case 'UNKNOWN_CONDITION_OPERATOR':
      return 'INVALID_CONDITION_OPERATOR';
    case 'INVALID_DATE_VALUE':
      return 'TYPE_MISMATCH_DATE';
    case 'VARIABLE_NOT_SUPPORTED_IN_ELEMENT':
      return 'VARIABLE_UNSUPPORTED_IN_ELEMENT';
    case 'VARIABLE_NOT_SUPPORTED_FOR_OPERATOR':
      return 'INVALID_VARIABLE_FOR_OPERATOR';
    case 'SET_OPERATOR_ON_SINGLE_VALUED_KEY':
      return 'FORALLVALUES_WITH_SINGLE_VALUED_KEY';
    case 'EMPTY_VALUE':
    case 'EFFECT_NOT_SUPPORTED':
    case 'TRUST_POLICY_ACTION':
    case 'POLICY_TOO_LARGE':
      return undefined;
    default: {
      const never: never = issue;
      return never;
    }
  }
}

/** One ERROR finding per parser error, located at its statement and element. */
export function syntaxFindings(errors: readonly PolicyError[]): Finding[] {
  return errors.map((error) => {
    const code = issueCodeOf(error.issue);
    const path: PathElement[] = [];
    if (error.statementIndex !== undefined) path.push({ value: 'Statement' }, { index: error.statementIndex });
    if (error.element !== undefined && error.element !== 'Policy' && !(error.element === 'Statement' && path.length > 0)) {
      path.push({ value: error.element });
    }
    return {
      findingDetails: error.detail === undefined ? error.message : `${error.message} (${error.detail})`,
      findingType: 'ERROR',
      issueCode: code ?? error.issue,
      learnMoreLink: code === undefined ? GRAMMAR : learnMoreLink(code),
      locations: [{ path }],
    };
  });
}
