// The real instance metadata service, as the agent reaches it from the host network: IMDSv2 with the
// agent's own token (requested with a 6-hour TTL and renewed before it lapses), no headers of the
// pod's forwarded (no X-Forwarded-For: IMDS refuses tokens to requests that carry one, AWS Security
// Blog, "Add defense in depth against open firewalls, reverse proxies, and SSRF vulnerabilities with
// enhancements to the EC2 Instance Metadata Service").
import http from 'node:http';

/** An upstream answer. */
export interface UpstreamResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** Reads the real metadata service. */
export interface MetadataUpstream {
  get(path: string): Promise<UpstreamResponse>;
}

/** Options of the HTTP upstream. */
export interface HttpMetadataUpstreamOptions {
  /** `169.254.169.254`, or `host:port`. */
  readonly address: string;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const TOKEN_TTL_SECONDS = 21600;
const MAX_BODY = 1 << 20;

/** The real IMDS over HTTP. */
export class HttpMetadataUpstream implements MetadataUpstream {
  readonly #host: string;
  readonly #port: number;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  #token: { value: string; renewAt: number } | undefined;

  constructor(options: HttpMetadataUpstreamOptions) {
    const url = new URL(`http://${options.address}`);
    this.#host = url.hostname.replace(/^\[|\]$/g, '');
    this.#port = url.port === '' ? 80 : Number(url.port);
    this.#timeoutMs = options.timeoutMs ?? 2000;
    this.#now = options.now ?? Date.now;
  }

  async get(path: string): Promise<UpstreamResponse> {
    const token = await this.#sessionToken();
    const headers: http.OutgoingHttpHeaders = token === undefined ? {} : { 'x-aws-ec2-metadata-token': token };
    const res = await this.#request('GET', path, headers);
    if (res.status === 401 && token !== undefined) {
      this.#token = undefined;
      const retry = await this.#sessionToken();
      return this.#request('GET', path, retry === undefined ? {} : { 'x-aws-ec2-metadata-token': retry });
    }
    return res;
  }

  /** Closes kept-alive sockets. */
  close(): void {
    this.#agent.destroy();
  }

  // IMDSv2 when the instance offers it; an instance that answers the PUT with 403/404/405 only
  // speaks IMDSv1 (IMDS answers 403 when the token endpoint is turned off).
  async #sessionToken(): Promise<string | undefined> {
    if (this.#token !== undefined && this.#token.renewAt > this.#now()) return this.#token.value;
    const res = await this.#request('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS) });
    if (res.status !== 200) return undefined;
    const value = res.body.toString('utf8').trim();
    this.#token = { value, renewAt: this.#now() + (TOKEN_TTL_SECONDS - 600) * 1000 };
    return value;
  }

  #request(method: string, path: string, headers: http.OutgoingHttpHeaders): Promise<UpstreamResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.#host, port: this.#port, method, path, headers, agent: this.#agent, timeout: this.#timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            req.destroy(new Error('metadata response too large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 502, contentType: res.headers['content-type'], body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('metadata service timed out')));
      req.on('error', reject);
      req.end();
    });
  }
}
