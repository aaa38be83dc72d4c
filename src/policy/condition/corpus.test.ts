// The golden corpus: one file per operator family (corpus/*.json), each entry a condition, a request
// context and the documented outcome. `rule` names the IAM User Guide page (and section) the outcome
// comes from; `version` is the policy's Version (default 2012-10-17, null for a policy without one).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConditionClause, PolicyVersion } from '../ast.ts';
import { RequestContext, type ContextValue } from '../context.ts';
import { compileCondition } from './index.ts';

interface CorpusEntry {
  readonly name: string;
  readonly rule: string;
  readonly version?: PolicyVersion | null;
  readonly clause: ConditionClause;
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly expected: boolean;
}

const directory = join(import.meta.dirname, 'corpus');
const files = readdirSync(directory).filter((file) => file.endsWith('.json')).sort();

function load(file: string): CorpusEntry[] {
  return JSON.parse(readFileSync(join(directory, file), 'utf8')) as CorpusEntry[];
}

describe('condition corpus', () => {
  it('has a file for every operator family', () => {
    expect(files).toEqual(
      expect.arrayContaining(['arn.json', 'binary.json', 'bool.json', 'date.json', 'ip.json', 'null.json', 'numeric.json', 'string.json']),
    );
  });

  it('names each case once per file', () => {
    for (const file of files) {
      const names = load(file).map((entry) => entry.name);
      expect(new Set(names).size, file).toBe(names.length);
    }
  });
});

for (const file of files) {
  const byRule = new Map<string, CorpusEntry[]>();
  for (const entry of load(file)) byRule.set(entry.rule, [...(byRule.get(entry.rule) ?? []), entry]);
  describe(file, () => {
    for (const [rule, entries] of byRule) {
      describe(rule, () => {
        for (const entry of entries) {
          it(entry.name, () => {
            const version = entry.version === null ? undefined : (entry.version ?? '2012-10-17');
            const condition = compileCondition(entry.clause, version);
            expect(condition.test(new RequestContext(entry.context))).toBe(entry.expected);
          });
        }
      });
    }
  });
}
