// A statement's Condition block: every operator/key pair must hold. IAM User Guide, "Conditions with
// multiple context keys or values": "If your policy statement has multiple condition operators, the
// condition operators are evaluated using a logical AND. If your policy statement has multiple context
// keys attached to a single condition operator, the context keys are evaluated using a logical AND."
import type { ConditionClause, PolicyVersion } from '../ast.ts';
import type { RequestContext } from '../context.ts';
import { compileCondition, type CompiledCondition } from './compile-condition.ts';

/** A compiled Condition block. */
export interface CompiledConditionBlock {
  /** The block's conditions, in the order the policy writes them. */
  readonly conditions: readonly CompiledCondition[];
  /** True when every condition holds. */
  test(ctx: RequestContext): boolean;
  /** The first condition (in policy order) that does not hold, or undefined when all do. */
  firstFailing(ctx: RequestContext): CompiledCondition | undefined;
}

type ContextTest = (ctx: RequestContext) => boolean;

function allOf(tests: readonly ContextTest[]): ContextTest {
  const [first, second] = tests;
  if (first === undefined) return () => true;
  if (tests.length === 1) return first;
  if (tests.length === 2 && second !== undefined) return (ctx) => first(ctx) && second(ctx);
  return (ctx) => {
    for (const test of tests) if (!test(ctx)) return false;
    return true;
  };
}

/** Compiles a Condition block (the clauses of one statement). */
export function compileConditionBlock(clauses: readonly ConditionClause[], version: PolicyVersion | undefined): CompiledConditionBlock {
  const conditions = clauses.map((clause) => compileCondition(clause, version));
  const test = allOf(conditions.map((condition) => condition.test));
  return {
    conditions,
    test,
    firstFailing: (ctx) => conditions.find((condition) => !condition.test(ctx)),
  };
}
