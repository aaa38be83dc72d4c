// Finding locations as Access Analyzer reports them (IAM Access Analyzer API Reference, "Location",
// "PathElement", "Position"): the path follows the JSON as written, the span covers the value or key.
import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.ts';
import { locateFindings } from './locate.ts';

const finding = (path: Finding['locations'][number]['path']): Finding => ({
  findingDetails: '',
  findingType: 'ERROR',
  issueCode: 'X',
  learnMoreLink: '',
  locations: [{ path }],
});

describe('IAM Access Analyzer API Reference, "Location": paths and spans', () => {
  const text = '{\n  "Statement": {\n    "Action": "s3:GetObject",\n    "Condition": {"StringEquals": {"aws:username": ["a", "b"]}}\n  }\n}';

  it('drops the statement index of a single statement object and the index of a single value', () => {
    const [located] = locateFindings([finding([{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 0 }])], text);
    expect(located?.locations[0]?.path).toEqual([{ value: 'Statement' }, { value: 'Action' }]);
    const offset = text.indexOf('"s3:GetObject"');
    expect(located?.locations[0]?.span).toEqual({
      start: { line: 3, column: 14, offset },
      end: { line: 3, column: 28, offset: offset + '"s3:GetObject"'.length },
    });
  });

  it('keeps the index into an array and spans a key for a key step', () => {
    const [values] = locateFindings(
      [finding([{ value: 'Statement' }, { index: 0 }, { value: 'Condition' }, { value: 'StringEquals' }, { value: 'aws:username' }, { index: 1 }])],
      text,
    );
    expect(values?.locations[0]?.path.at(-1)).toEqual({ index: 1 });
    expect(values?.locations[0]?.span?.start.offset).toBe(text.indexOf('"b"'));
    const [key] = locateFindings([finding([{ value: 'Statement' }, { value: 'Condition' }, { value: 'StringEquals' }, { key: 'aws:username' }])], text);
    expect(key?.locations[0]?.span?.start.offset).toBe(text.indexOf('"aws:username"'));
  });

  it('leaves findings as they are when the text is not JSON', () => {
    const original = finding([{ value: 'Statement' }, { index: 0 }]);
    expect(locateFindings([original], '{"Statement": [')).toEqual([original]);
  });
});
