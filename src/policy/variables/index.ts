// Policy variables: where a policy value takes text from the request ("IAM policy elements: Variables
// and tags"), and the wildcard patterns such values render to.
export { compileTemplate } from './template.ts';
export type { Template } from './template.ts';
export { ANY_CHAR, ANY_RUN, compileGlob, hasWildcardToken, matchGlob, pushLiteral, pushPattern, splitArnTokens } from './glob.ts';
export type { GlobMatcher, GlobToken } from './glob.ts';
