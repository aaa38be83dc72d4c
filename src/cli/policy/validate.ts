// `podiam policy validate`: IAM Access Analyzer's ValidatePolicy, offline, with the AWS CLI's flags
// (`aws accessanalyzer validate-policy --policy-type ... --policy-document ...`) and, with
// `--output json`, its output: `{"findings": [...]}`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serviceCatalog } from '../../catalog/index.ts';
import {
  analyzePolicy,
  locateFindings,
  syntaxFindings,
  type Finding,
  type FindingType,
  type PathElement,
} from '../../policy/analyze/index.ts';
import type { PolicyDocument, PolicyType } from '../../policy/index.ts';
import { parsePolicy, policySize } from '../../policy/index.ts';
import type { Command } from '../commands.ts';
import { writeErr, writeOut } from '../io.ts';

const POLICY_TYPES = [
  'IDENTITY_POLICY',
  'RESOURCE_POLICY',
  'TRUST_POLICY',
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
] as const satisfies readonly PolicyType[];

const USAGE = `Usage: podiam policy validate --policy-document file://policy.json|<json>
    [--policy-type ${POLICY_TYPES.join('|')}]   (default IDENTITY_POLICY)
    [--output text|json]   (default text; json prints {"findings": [...]} as aws accessanalyzer validate-policy does)

Validates a policy as IAM Access Analyzer's ValidatePolicy does: syntax errors, then its policy checks.
Exit code 1 when there is an ERROR finding, 0 otherwise, 2 on bad usage.
`;

type Output = 'text' | 'json';

/** The validate subcommand. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'validate a policy as IAM Access Analyzer does (errors, security warnings, warnings, suggestions)',
  async run(argv) {
    let values: { 'policy-type'?: string; 'policy-document'?: string; output?: string; help?: boolean };
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          'policy-type': { type: 'string' },
          'policy-document': { type: 'string' },
          output: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      return usageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help === true) {
      writeOut(USAGE);
      return 0;
    }
    const policyType = values['policy-type'] ?? 'IDENTITY_POLICY';
    if (!isPolicyType(policyType)) return usageError(`--policy-type must be one of ${POLICY_TYPES.join(', ')}`);
    const output = values.output ?? 'text';
    if (output !== 'text' && output !== 'json') return usageError('--output must be text or json');
    const document = values['policy-document'];
    if (document === undefined) return usageError('--policy-document is required');
    const text = readDocument(document);
    if (text === undefined) return 2;

    const { findings, policy } = validate(text, policyType);
    writeOut(output === 'json' ? formatJson(findings) : formatText(findings, policy));
    return findings.some((f) => f.findingType === 'ERROR') ? 1 : 0;
  },
};

function isPolicyType(value: string): value is (typeof POLICY_TYPES)[number] {
  return (POLICY_TYPES as readonly string[]).includes(value);
}

function usageError(message: string): number {
  writeErr(`podiam policy validate: ${message}\n\n${USAGE}`);
  return 2;
}

/** The document text: `file://path` is read from disk, anything else is the JSON itself. */
function readDocument(value: string): string | undefined {
  if (!value.startsWith('file://')) return value;
  const path = value.slice('file://'.length);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    writeErr(`podiam policy validate: cannot read ${path} (${reason})\n`);
    return undefined;
  }
}

/** Parses, then analyzes; findings are located in the text. */
export function validate(text: string, policyType: PolicyType): { findings: Finding[]; policy?: PolicyDocument } {
  const parsed = parsePolicy(text, { policyType });
  if (!parsed.ok) return { findings: locateFindings(syntaxFindings(parsed.errors), text) };
  // Organizations counts every character of an SCP or RCP; IAM does not count white space
  // ("Quotas for AWS Organizations"; IAM User Guide, "IAM and AWS STS quotas").
  const organizations = policyType === 'SERVICE_CONTROL_POLICY' || policyType === 'RESOURCE_CONTROL_POLICY';
  const documentSize = organizations ? text.length : policySize(text);
  const findings = analyzePolicy(parsed.policy, { policyType, catalog: serviceCatalog(), documentSize });
  return { findings: locateFindings(findings, text), policy: parsed.policy };
}

/** The AWS CLI's JSON: keys in the service's order, four-space indentation. */
function formatJson(findings: readonly Finding[]): string {
  const ordered = findings.map((f) => ({
    findingDetails: f.findingDetails,
    findingType: f.findingType,
    issueCode: f.issueCode,
    learnMoreLink: f.learnMoreLink,
    locations: f.locations.map((l) => ({
      path: l.path,
      ...(l.span === undefined
        ? {}
        : {
            span: {
              end: { column: l.span.end.column, line: l.span.end.line, offset: l.span.end.offset },
              start: { column: l.span.start.column, line: l.span.start.line, offset: l.span.start.offset },
            },
          }),
    })),
  }));
  return `${JSON.stringify({ findings: ordered }, null, 4)}\n`;
}

const LABELS: Record<FindingType, string> = {
  ERROR: 'ERROR',
  SECURITY_WARNING: 'SECURITY WARNING',
  WARNING: 'WARNING',
  SUGGESTION: 'SUGGESTION',
};

/** `Statement[0] (Sid "ReadPics").Condition.StringEquals.aws:SourceIp[1]` */
export function describePath(path: readonly PathElement[], policy?: PolicyDocument): string {
  let out = '';
  for (const [i, step] of path.entries()) {
    if ('index' in step) {
      out += `[${step.index}]`;
      const previous = path[i - 1];
      if (i === 1 && previous !== undefined && 'value' in previous && previous.value === 'Statement') {
        const sid = policy?.statements[step.index]?.sid;
        if (sid !== undefined && sid !== '') out += ` (Sid "${sid}")`;
      }
    } else if ('value' in step) out += out === '' ? step.value : `.${step.value}`;
    else if ('key' in step) out += out === '' ? step.key : `.${step.key}`;
    else out += `[${step.substring.start}:${step.substring.start + step.substring.length}]`;
  }
  if (path.length === 1 && policy?.singleStatement === true) {
    const only = path[0];
    const sid = policy.statements[0]?.sid;
    if (only !== undefined && 'value' in only && only.value === 'Statement' && sid !== undefined && sid !== '') out += ` (Sid "${sid}")`;
  }
  return out === '' ? 'policy' : out;
}

function formatText(findings: readonly Finding[], policy: PolicyDocument | undefined): string {
  if (findings.length === 0) return 'No findings.\n';
  const blocks = findings.map((f) => {
    const where = f.locations
      .map((l) => {
        const at = l.span === undefined ? '' : ` (line ${l.span.start.line}, column ${l.span.start.column + 1})`;
        return `${describePath(l.path, policy)}${at}`;
      })
      .join('; ');
    return `${LABELS[f.findingType]} ${f.issueCode}\n  at ${where}\n  ${f.findingDetails}\n  ${f.learnMoreLink}\n`;
  });
  const counts = (['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'] as const)
    .map((t) => [t, findings.filter((f) => f.findingType === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${LABELS[t].toLowerCase()}${n === 1 ? '' : 's'}`);
  return `${blocks.join('\n')}\n${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts.join(', ')}\n`;
}
