// Test support: botocore (boto3's and the AWS CLI's engine) as the reference client. Its own service
// models and its own serializers and parsers run in a Python subprocess: shapes converted from
// botocore's models, request bodies serialized the way the CLI sends them, and response bodies
// parsed the way the CLI reads them. Tests that use it are skipped where Python or botocore is absent.

import { spawnSync } from 'node:child_process';
import type { Shape } from './shape/index.ts';

const SCRIPT = String.raw`
import json, sys, datetime, urllib.parse
import botocore.session, botocore.auth
from botocore import serialize, parsers
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

session = botocore.session.get_session()

def conv(s, seen=()):
    t = s.type_name
    m = s.metadata
    if t == 'structure':
        return {'type': 'structure', 'members': {k: conv(v) for k, v in s.members.items()},
                'required': list(s.required_members)}
    if t == 'list':
        out = {'type': 'list', 'member': conv(s.member)}
        if s.serialization.get('flattened'): out['flattened'] = True
        name = s.member.serialization.get('name')
        if name and name != 'member': out['memberName'] = name
    elif t == 'map':
        out = {'type': 'map', 'key': conv(s.key), 'value': conv(s.value)}
    elif t in ('string', 'blob'):
        out = {'type': 'string'}
        if 'pattern' in m: out['pattern'] = m['pattern']
        if s.enum: out['enum'] = list(s.enum)
    elif t in ('integer', 'long'):
        out = {'type': t}
    elif t == 'boolean':
        return {'type': 'boolean'}
    elif t == 'timestamp':
        return {'type': 'timestamp'}
    else:
        raise Exception('unsupported ' + t)
    if 'min' in m: out['min'] = m['min']
    if 'max' in m: out['max'] = m['max']
    return out

def default(o):
    if isinstance(o, datetime.datetime):
        return o.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    raise TypeError(str(o))

results = []
for cmd in json.load(sys.stdin):
    kind = cmd['kind']
    if kind == 'sign':
        fixed = datetime.datetime.fromtimestamp(cmd['now'] / 1000, datetime.timezone.utc).replace(tzinfo=None)
        botocore.auth.get_current_datetime = lambda: fixed
        creds = Credentials(cmd['accessKeyId'], cmd['secretAccessKey'], cmd.get('sessionToken'))
        s3 = cmd['signingService'] == 's3'
        if 'expires' in cmd:
            cls = botocore.auth.S3SigV4QueryAuth if s3 else botocore.auth.SigV4QueryAuth
            auth = cls(creds, cmd['signingService'], cmd['region'], expires=cmd['expires'])
        else:
            cls = botocore.auth.S3SigV4Auth if s3 else botocore.auth.SigV4Auth
            auth = cls(creds, cmd['signingService'], cmd['region'])
        req = AWSRequest(method=cmd['method'], url=cmd['url'], headers=cmd.get('headers', {}), data=cmd.get('body', '').encode())
        auth.add_auth(req)
        prepared = req.prepare()
        results.append({'url': prepared.url, 'headers': {k: v for k, v in prepared.headers.items()}})
        continue
    model = session.get_service_model(cmd['service'])
    op = model.operation_model(cmd['operation']) if 'operation' in cmd else None
    if kind == 'shapes':
        results.append({'input': conv(op.input_shape) if op.input_shape else None,
                        'output': conv(op.output_shape) if op.output_shape else None})
    elif kind == 'serialize':
        req = serialize.create_serializer(model.metadata['protocol'], include_validation=False).serialize_to_request(cmd['params'], op)
        body = req['body']
        if isinstance(body, dict): body = urllib.parse.urlencode(body)
        elif isinstance(body, bytes): body = body.decode()
        results.append({'body': body, 'headers': dict(req['headers'])})
    elif kind == 'parse':
        parser = parsers.create_parser(model.metadata['protocol'])
        parsed = parser.parse({'status_code': cmd['status'], 'headers': cmd.get('headers', {}),
                               'body': cmd['body'].encode()}, op.output_shape if op else None)
        parsed.pop('ResponseMetadata', None)
        results.append(parsed)
print(json.dumps(results, default=default))
`;

/** One request to the botocore bridge. */
export type BotocoreCommand =
  | {
      readonly kind: 'sign';
      /** Milliseconds since the epoch: botocore's clock is fixed to it. */
      readonly now: number;
      readonly signingService: string;
      readonly region: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken?: string;
      readonly method: string;
      readonly url: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
      /** Presign (query-string auth) for this many seconds instead of signing the header. */
      readonly expires?: number;
    }
  | { readonly kind: 'shapes'; readonly service: string; readonly operation: string }
  | { readonly kind: 'serialize'; readonly service: string; readonly operation: string; readonly params: unknown }
  | {
      readonly kind: 'parse';
      readonly service: string;
      readonly operation: string;
      readonly status: number;
      readonly body: string;
      readonly headers?: Readonly<Record<string, string>>;
    };

/** True when python3 with botocore can run here. */
export const botocoreAvailable: boolean = (() => {
  const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
  return probe.status === 0;
})();

/** Runs the commands in one Python process (botocore loads once) and returns their results. */
export function botocore(commands: readonly BotocoreCommand[]): unknown[] {
  const run = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(commands), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`botocore bridge failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as unknown[];
}

/** The input and output shapes of an operation, converted from botocore's model. */
export interface OperationShapes {
  readonly input: Shape | null;
  readonly output: Shape | null;
}
