// The golden corpus: every file in corpus/ is an array of cases
//   { name, rule, policyType, managed?, input, expected }
// where `input` is JSON text when it is a string and an already-parsed document otherwise, `rule` cites the
// AWS documentation (or observed AWS behaviour) the case pins down, and `expected` is either
//   { "ok": true, "policy"?: <partial PolicyDocument> }  or
//   { "ok": false, "errors": [<partial PolicyError>, ...] }  (every error, in order).
// A parsed-document input is also run as its JSON text, which must give the same answer.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyType } from '../ast.ts';
import { parsePolicy } from './index.ts';

interface CorpusCase {
  readonly name: string;
  readonly rule: string;
  readonly policyType: PolicyType;
  readonly managed?: boolean;
  readonly input: unknown;
  readonly expected: { readonly ok: true; readonly policy?: object } | { readonly ok: false; readonly errors: readonly object[] };
}

const corpusDir = join(import.meta.dirname, 'corpus');
const files = readdirSync(corpusDir).filter((file) => file.endsWith('.json')).sort();

function loadCases(file: string): CorpusCase[] {
  const cases = JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as CorpusCase[];
  for (const c of cases) {
    if (typeof c.name !== 'string' || typeof c.rule !== 'string' || typeof c.policyType !== 'string' || c.expected === undefined) {
      throw new Error(`${file}: malformed case ${JSON.stringify(c).slice(0, 120)}`);
    }
  }
  return cases;
}

function check(c: CorpusCase, input: unknown): void {
  const result = parsePolicy(input, { policyType: c.policyType, ...(c.managed === undefined ? {} : { managed: c.managed }) });
  if (c.expected.ok) {
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok && c.expected.policy !== undefined) expect(result.policy).toMatchObject(c.expected.policy);
    return;
  }
  expect(result.ok).toBe(false);
  const errors = result.ok ? [] : result.errors;
  expect(errors).toHaveLength(c.expected.errors.length);
  c.expected.errors.forEach((expectedError, i) => expect(errors[i]).toMatchObject(expectedError));
}

describe('golden corpus sanity', () => {
  it('has corpus files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it('has unique case names per file', () => {
    for (const file of files) {
      const names = loadCases(file).map((c) => c.name);
      expect(new Set(names).size, file).toBe(names.length);
    }
  });
});

for (const file of files) {
  const cases = loadCases(file);
  const byRule = new Map<string, CorpusCase[]>();
  for (const c of cases) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
  describe(file, () => {
    for (const [rule, ruleCases] of byRule) {
      describe(rule, () => {
        for (const c of ruleCases) {
          it(c.name, () => {
            check(c, c.input);
            if (typeof c.input !== 'string') check(c, JSON.stringify(c.input));
          });
        }
      });
    }
  });
}
