// What every scenario of the demo works with: where podiam answers, the administrator's credentials,
// AWS SDK v3 clients for any credentials, the clusters API, the log, and whether S3 answers.
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { DemoLog } from './demo-log.ts';

/** AWS credentials: long-term (AKIA…) or temporary (ASIA… with a session token). */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/** A call's outcome on podiam's clusters API (AWS JSON 1.1; errors as values). */
export type ClustersCallResult<T> =
  | { readonly ok: true; readonly output: T }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

/** podiam's clusters API, signed as the administrator (what `podiam cluster` and `podiam token` call). */
export interface ClustersApi {
  call<T>(operation: string, input: object): Promise<ClustersCallResult<T>>;
}

/** Where and as whom the demo runs. */
export interface DemoEnvironment {
  readonly endpoint: string;
  readonly region: string;
  readonly admin: Credentials;
  readonly clusters: ClustersApi;
  readonly examplesDir: string;
}

/** The AWS SDK v3 clients for one set of credentials, as an application configured for podiam has them. */
export class AwsClients {
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly s3: S3Client;
  readonly organizations: OrganizationsClient;

  constructor(env: Pick<DemoEnvironment, 'endpoint' | 'region'>, credentials: Credentials | undefined) {
    // One attempt: a refusal is an answer, and the demo reports it rather than retrying.
    const config = { endpoint: env.endpoint, region: env.region, maxAttempts: 1, ...(credentials !== undefined ? { credentials } : {}) };
    this.iam = new IAMClient(config);
    this.sts = new STSClient(config);
    // Path-style addressing: the endpoint is an address, not a domain buckets can be subdomains of.
    this.s3 = new S3Client({ ...config, forcePathStyle: true });
    this.organizations = new OrganizationsClient(config);
  }
}

/** Whether S3 answers on the endpoint, and if not, why. */
export type S3Availability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** What a scenario runs with. */
export interface DemoContext {
  readonly env: DemoEnvironment;
  readonly log: DemoLog;
  /** The administrator's account: the demo's management (and developer) account. */
  readonly managementAccount: string;
  readonly admin: AwsClients;
  readonly s3: S3Availability;
  /** Clients acting with other credentials (a pod's session, a member account's administrator). */
  clientsFor(credentials: Credentials | undefined): AwsClients;
}

/** The reason to skip an S3 call, or undefined when S3 answers. */
export function s3Skip(ctx: DemoContext): string | undefined {
  return ctx.s3.available ? undefined : `S3 not available on this endpoint (${ctx.s3.reason})`;
}
