// AssumeRole through the AWS SDK v3 STS client: the node's own credentials (the SDK's default provider
// chain: environment, web identity, container and instance metadata) assume the pod's role, seed
// 003's two hops (node role -> pod role). The endpoint is any STS: AWS's, or podiam's own; the SDK
// honours AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL itself when no endpoint is given.
import { AssumeRoleCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { classifyStsError, type AssumeRoleInput, type AssumeRoleOutcome, type RoleAssumer } from './role-assumer.ts';

/** Options for the SDK STS client. */
export interface SdkRoleAssumerOptions {
  readonly region: string;
  /** An explicit endpoint; otherwise the SDK's resolution (including AWS_ENDPOINT_URL_STS). */
  readonly endpoint?: string | undefined;
  /** The node's credentials; the SDK's default chain when absent. */
  readonly credentials?: STSClientConfig['credentials'];
  readonly requestTimeoutMs?: number;
  readonly maxAttempts?: number;
  readonly now?: () => number;
}

/** An STS client that assumes roles for pods. */
export class SdkRoleAssumer implements RoleAssumer {
  readonly #client: STSClient;
  readonly #now: () => number;

  constructor(options: SdkRoleAssumerOptions) {
    const config: STSClientConfig = {
      region: options.region,
      maxAttempts: options.maxAttempts ?? 2,
      requestHandler: { requestTimeout: options.requestTimeoutMs ?? 5000, connectionTimeout: 3000 },
    };
    if (options.endpoint !== undefined) config.endpoint = options.endpoint;
    if (options.credentials !== undefined) config.credentials = options.credentials;
    this.#client = new STSClient(config);
    this.#now = options.now ?? Date.now;
  }

  async assumeRole(input: AssumeRoleInput): Promise<AssumeRoleOutcome> {
    try {
      const out = await this.#client.send(
        new AssumeRoleCommand({
          RoleArn: input.role.arn,
          RoleSessionName: input.sessionName,
          DurationSeconds: input.durationSeconds,
          ...(input.externalId === undefined ? {} : { ExternalId: input.externalId }),
          ...(input.tags.length === 0 ? {} : { Tags: input.tags.map((t) => ({ Key: t.Key, Value: t.Value })) }),
        }),
      );
      const c = out.Credentials;
      if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined || c.Expiration === undefined) {
        return { ok: false, failure: { kind: 'unavailable', code: 'IncompleteResponse', status: out.$metadata.httpStatusCode, message: 'AssumeRole answered without complete credentials' } };
      }
      return {
        ok: true,
        credentials: {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration.getTime(),
          issuedAt: this.#now(),
          accountId: accountOf(out.AssumedRoleUser?.Arn) ?? input.role.accountId,
          tagged: input.tags.length > 0,
        },
      };
    } catch (err) {
      const e = err as { name?: unknown; message?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode;
      const code = typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.code === 'string' ? e.code : 'NetworkError';
      return { ok: false, failure: { kind: classifyStsError(code, status), code, status, message: String(e.message ?? err) } };
    }
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.#client.destroy();
  }
}

function accountOf(assumedRoleArn: string | undefined): string | undefined {
  const account = assumedRoleArn?.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}
