// IAM condition evaluation: operator/key pairs and Condition blocks compiled into tests of a request
// context ("IAM JSON policy elements: Condition operators" and the pages it links).
export { compileCondition, ConditionCompileError } from './compile-condition.ts';
export type { CompiledCondition, ConditionErrorCode } from './compile-condition.ts';
export { compileConditionBlock } from './condition-block.ts';
export type { CompiledConditionBlock } from './condition-block.ts';
export { BASE_OPERATORS, allowsPolicyVariables, parseOperator } from './operators.ts';
export type { BaseOperator, OperatorFamily, OperatorSpec, SetQualifier } from './operators.ts';
