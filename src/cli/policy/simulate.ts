// `podiam policy simulate`: IAM's SimulateCustomPolicy, offline, with the AWS CLI's flags and output
// (`aws iam simulate-custom-policy --output json`), plus session policies, SCPs and RCPs.
import { simulateCustomPolicy, type ContextEntry, type SimulateCustomPolicyRequest } from '../../policy/index.ts';
import { parseAwsArgs, resolveValue, type AwsArgs } from '../aws-args.ts';
import type { Command } from '../commands.ts';
import { writeErr, writeOut } from '../io.ts';

const USAGE = `Usage: podiam policy simulate [--cli-input-json file://request.json]
    --policy-input-list <policy> [<policy> ...]
    --action-names <action> [<action> ...]
    [--resource-arns <arn> ...] [--resource-policy <policy>] [--resource-owner <account-arn>]
    [--caller-arn <user-arn>] [--context-entries <entry> ...]
    [--permissions-boundary-policy-input-list <policy>]
    [--session-policy-input-list <policy> ...]
    [--service-control-policy-input-list <policy> ...]   (one policy per organisation level, root first)
    [--resource-control-policy-input-list <policy> ...]
    [--explain]   (add a one-line reason to each result)

Policies are JSON text or file://path. Context entries are JSON or the AWS CLI shorthand
  ContextKeyName=aws:CurrentTime,ContextKeyValues=2019-04-25T11:00:00Z,ContextKeyType=date
Prints the SimulateCustomPolicy response as JSON. Exit code 0 on success, 254 on an IAM error (as the AWS CLI), 2 on bad usage.
`;

const LIST_FLAGS: Record<string, keyof SimulateCustomPolicyRequest> = {
  'policy-input-list': 'PolicyInputList',
  'action-names': 'ActionNames',
  'resource-arns': 'ResourceArns',
  'permissions-boundary-policy-input-list': 'PermissionsBoundaryPolicyInputList',
  'session-policy-input-list': 'SessionPolicyInputList',
  'service-control-policy-input-list': 'ServiceControlPolicyInputList',
  'resource-control-policy-input-list': 'ResourceControlPolicyInputList',
};
const STRING_FLAGS: Record<string, keyof SimulateCustomPolicyRequest> = {
  'resource-policy': 'ResourcePolicy',
  'resource-owner': 'ResourceOwner',
  'caller-arn': 'CallerArn',
  'resource-handling-option': 'ResourceHandlingOption',
};
const POLICY_FIELDS = new Set<string>([
  'PolicyInputList',
  'PermissionsBoundaryPolicyInputList',
  'SessionPolicyInputList',
  'ServiceControlPolicyInputList',
  'ResourceControlPolicyInputList',
  'ResourcePolicy',
]);

/** Reads AWS CLI shorthand for one ContextEntry: `ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=t`. */
export function parseContextShorthand(text: string): ContextEntry | undefined {
  const fields: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const m = /^(ContextKeyName|ContextKeyValues|ContextKeyType)=(.*)$/.exec(part);
    if (m !== null) {
      current = [];
      fields[m[1] as string] = current;
      const value = (m[2] as string).replace(/^\[/, '').replace(/\]$/, '');
      if (value !== '') current.push(unquote(value));
    } else if (current !== undefined) {
      current.push(unquote(part.replace(/\]$/, '')));
    } else {
      return undefined;
    }
  }
  const name = fields['ContextKeyName']?.[0];
  const type = fields['ContextKeyType']?.[0];
  if (name === undefined || type === undefined) return undefined;
  return { ContextKeyName: name, ContextKeyValues: fields['ContextKeyValues'] ?? [], ContextKeyType: type };
}

function unquote(s: string): string {
  return s.replace(/^(['"])(.*)\1$/, '$2');
}

function contextEntries(values: readonly string[]): ContextEntry[] | string {
  const out: ContextEntry[] = [];
  for (const value of values.map(resolveValue)) {
    const trimmed = value.trim();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        out.push(...((Array.isArray(parsed) ? parsed : [parsed]) as ContextEntry[]));
      } catch {
        return `--context-entries: invalid JSON: ${trimmed.slice(0, 60)}`;
      }
      continue;
    }
    const entry = parseContextShorthand(trimmed);
    if (entry === undefined) return `--context-entries: cannot read '${trimmed}'`;
    out.push(entry);
  }
  return out;
}

/** Builds the request from `--cli-input-json` and the flags (flags win, as in the AWS CLI). */
export function requestFromArgs(args: AwsArgs): SimulateCustomPolicyRequest | string {
  const request: Record<string, unknown> = {};
  const input = args.get('cli-input-json');
  if (input !== undefined) {
    const text = resolveValue(input[0] ?? '');
    try {
      Object.assign(request, JSON.parse(text) as object);
    } catch {
      return '--cli-input-json: invalid JSON';
    }
  }
  for (const [flag, values] of args) {
    if (flag === 'cli-input-json' || flag === 'explain' || flag === 'output') continue;
    const listField = LIST_FLAGS[flag];
    const stringField = STRING_FLAGS[flag];
    if (listField !== undefined) {
      request[listField] = values.map((v) => (POLICY_FIELDS.has(listField) ? resolveValue(v) : v));
    } else if (stringField !== undefined) {
      const value = values[0];
      if (value === undefined) return `--${flag} needs a value`;
      request[stringField] = POLICY_FIELDS.has(stringField) ? resolveValue(value) : value;
    } else if (flag === 'context-entries') {
      const entries = contextEntries(values);
      if (typeof entries === 'string') return entries;
      request['ContextEntries'] = entries;
    } else {
      return `unknown option --${flag}`;
    }
  }
  if (!Array.isArray(request['PolicyInputList'])) return 'the following arguments are required: --policy-input-list';
  if (!Array.isArray(request['ActionNames'])) return 'the following arguments are required: --action-names';
  return request as unknown as SimulateCustomPolicyRequest;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: "evaluate policies for actions and resources, as 'aws iam simulate-custom-policy' does",
  async run(argv) {
    if (argv.includes('--help') || argv.includes('-h')) {
      writeOut(USAGE);
      return 0;
    }
    const parsed = parseAwsArgs(argv);
    if (!parsed.ok) {
      writeErr(`podiam policy simulate: ${parsed.message}\n\n${USAGE}`);
      return 2;
    }
    let request: SimulateCustomPolicyRequest | string;
    try {
      request = requestFromArgs(parsed.args);
    } catch (err) {
      request = `cannot read input: ${(err as Error).message}`;
    }
    if (typeof request === 'string') {
      writeErr(`podiam policy simulate: ${request}\n\n${USAGE}`);
      return 2;
    }
    const outcome = simulateCustomPolicy(request);
    if (!outcome.ok) {
      writeErr(`An error occurred (${outcome.error.code}) when calling the SimulateCustomPolicy operation: ${outcome.error.message}\n`);
      return 254;
    }
    const explainWanted = parsed.args.has('explain');
    const results = outcome.response.EvaluationResults.map((r) => {
      if (explainWanted) return r;
      const { Explanation: _, ...rest } = r;
      return rest;
    });
    // As `aws iam simulate-custom-policy` prints it: the CLI pages through the results and leaves out
    // the paginator's IsTruncated/Marker (botocore paginators-1.json: more_results IsTruncated).
    writeOut(`${JSON.stringify({ EvaluationResults: results }, null, 4)}\n`);
    return 0;
  },
};
