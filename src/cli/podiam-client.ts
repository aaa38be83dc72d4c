// The podiam CLI's client of podiam's own JSON APIs: AWS JSON 1.1 calls signed with SigV4 (the
// AWS SDK's signer), to the endpoint and with the credentials the AWS CLI would use: `--endpoint-url`,
// then AWS_ENDPOINT_URL_PODIAM, AWS_ENDPOINT_URL, else http://127.0.0.1:4577; the AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN variables, else the shared credentials file
// (AWS_SHARED_CREDENTIALS_FILE, else ./.podiam/credentials when present, else ~/.aws/credentials),
// profile AWS_PROFILE or `default` (AWS SDKs and Tools Reference Guide, "Standardized credential
// providers" and "Service-specific endpoints").
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4577';

export interface ClientCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Where and as whom the client calls. */
export interface PodiamClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: ClientCredentials;
}

/** A call's outcome: the output, or the service's error (code and message as AWS sends them). */
export type CallResult<T> =
  | { readonly ok: true; readonly output: T }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

/** Reads `[profile]` sections of an AWS shared credentials file. */
function readIniSection(text: string, profile: string): Record<string, string> | undefined {
  let current: string | undefined;
  const found: Record<string, string> = {};
  let seen = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (section !== null) {
      current = section[1];
      if (current === profile) seen = true;
      continue;
    }
    const eq = line.indexOf('=');
    if (current === profile && eq > 0) found[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return seen ? found : undefined;
}

function credentialsFile(env: NodeJS.ProcessEnv, cwd: string): string {
  const given = env['AWS_SHARED_CREDENTIALS_FILE'];
  if (given !== undefined && given !== '') return given;
  const local = join(cwd, '.podiam', 'credentials');
  return existsSync(local) ? local : join(homedir(), '.aws', 'credentials');
}

/** The credentials, or why there are none. */
export function resolveCredentials(env: NodeJS.ProcessEnv, cwd = process.cwd()): ClientCredentials | { readonly error: string } {
  const id = env['AWS_ACCESS_KEY_ID'];
  const secret = env['AWS_SECRET_ACCESS_KEY'];
  const token = env['AWS_SESSION_TOKEN'];
  if (id !== undefined && id !== '' && secret !== undefined && secret !== '') {
    return { accessKeyId: id, secretAccessKey: secret, ...(token !== undefined && token !== '' ? { sessionToken: token } : {}) };
  }
  const file = credentialsFile(env, cwd);
  const profile = env['AWS_PROFILE'] !== undefined && env['AWS_PROFILE'] !== '' ? env['AWS_PROFILE'] : 'default';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { error: `no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_SHARED_CREDENTIALS_FILE (${file} cannot be read)` };
  }
  const section = readIniSection(text, profile);
  const fileId = section?.['aws_access_key_id'];
  const fileSecret = section?.['aws_secret_access_key'];
  if (fileId === undefined || fileSecret === undefined) return { error: `no credentials for profile '${profile}' in ${file}` };
  const fileToken = section?.['aws_session_token'];
  return { accessKeyId: fileId, secretAccessKey: fileSecret, ...(fileToken !== undefined && fileToken !== '' ? { sessionToken: fileToken } : {}) };
}

/** The endpoint: the flag, AWS_ENDPOINT_URL_PODIAM, AWS_ENDPOINT_URL, else podiam's default. */
export function resolveEndpoint(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  for (const candidate of [flag, env['AWS_ENDPOINT_URL_PODIAM'], env['AWS_ENDPOINT_URL']]) {
    if (candidate !== undefined && candidate !== '') return candidate.replace(/\/+$/, '');
  }
  return DEFAULT_ENDPOINT;
}

/** The whole configuration from flags and environment, or why it cannot be built. */
export function resolveClientConfig(flags: { readonly endpointUrl?: string | undefined; readonly region?: string | undefined }, env: NodeJS.ProcessEnv): PodiamClientConfig | { readonly error: string } {
  const credentials = resolveCredentials(env);
  if ('error' in credentials) return credentials;
  const region = flags.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  return { endpoint: resolveEndpoint(flags.endpointUrl, env), region: region === '' ? 'us-east-1' : region, credentials };
}

/** Signed AWS JSON 1.1 calls to one podiam service. */
export class PodiamClient {
  readonly #config: PodiamClientConfig;
  readonly #signer: SignatureV4;
  readonly #service: { readonly signingName: string; readonly targetPrefix: string };

  constructor(config: PodiamClientConfig, service: { readonly signingName: string; readonly targetPrefix: string }) {
    this.#config = config;
    this.#service = service;
    this.#signer = new SignatureV4({ service: service.signingName, region: config.region, credentials: config.credentials, sha256: Sha256 });
  }

  /** Calls `operation` with `input`; network failures throw, service errors come back as values. */
  async call<T>(operation: string, input: object): Promise<CallResult<T>> {
    const url = new URL(this.#config.endpoint);
    const body = JSON.stringify(input);
    const signed = await this.#signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' ? { port: Number(url.port) } : {}),
      path: url.pathname === '' ? '/' : url.pathname,
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${this.#service.targetPrefix}.${operation}`,
      },
      body,
    });
    const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.ok) return { ok: true, output: json as T };
    const error = (json ?? {}) as { __type?: unknown; message?: unknown; Message?: unknown };
    const code = typeof error.__type === 'string' ? (error.__type.split('#').at(-1) ?? error.__type) : `HTTP${response.status}`;
    const message = typeof error.message === 'string' ? error.message : typeof error.Message === 'string' ? error.Message : text;
    return { ok: false, status: response.status, code, message };
  }
}

/** The AWS CLI's wording for a failed call. */
export function describeFailure(operation: string, failure: { readonly code: string; readonly message: string }): string {
  return `An error occurred (${failure.code}) when calling the ${operation} operation: ${failure.message}`;
}
