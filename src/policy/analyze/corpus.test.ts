// The analyzer's golden corpus: each case names the check of the IAM User Guide's "IAM policy validation
// check reference" it exercises (`rule`), a policy, and the findings Access Analyzer's ValidatePolicy gives
// (podiam's own checks say so in their rule). One harness reads every corpus/*.json file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyType } from '../ast.ts';
import { analyzePolicy, locateFindings } from './index.ts';
import { testingCatalog } from './testing-catalog.ts';
import { testingDocument } from './testing-document.ts';

interface ExpectedFinding {
  readonly issueCode: string;
  readonly findingType?: string;
  readonly findingDetails?: string;
  readonly path?: readonly unknown[];
}
interface CorpusCase {
  readonly name: string;
  readonly rule: string;
  readonly policyType: PolicyType;
  readonly policy: unknown;
  readonly expectedFindings: readonly ExpectedFinding[];
}

const dir = join(import.meta.dirname, 'corpus');
const catalog = testingCatalog();

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CorpusCase[];
  describe(`IAM policy validation check reference: ${file.replace(/\.json$/, '')}`, () => {
    for (const c of cases) {
      it(`${c.rule}: ${c.name}`, () => {
        const text = JSON.stringify(c.policy, null, 2);
        const findings = locateFindings(analyzePolicy(testingDocument(c.policy), { policyType: c.policyType, catalog }), text);
        expect(findings.map((f) => f.issueCode).sort()).toEqual(c.expectedFindings.map((f) => f.issueCode).sort());
        for (const expected of c.expectedFindings) {
          const candidates = findings.filter((f) => f.issueCode === expected.issueCode);
          const match = candidates.find(
            (f) =>
              (expected.findingType === undefined || f.findingType === expected.findingType) &&
              (expected.findingDetails === undefined || f.findingDetails === expected.findingDetails) &&
              (expected.path === undefined || JSON.stringify(f.locations[0]?.path) === JSON.stringify(expected.path)),
          );
          expect(match, `${expected.issueCode} as expected in ${JSON.stringify(candidates, null, 1)}`).toBeDefined();
        }
      });
    }
  });
}
