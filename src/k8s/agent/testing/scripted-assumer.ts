// Test support: an STS stand-in that records calls and answers as scripted.
import type { AssumeRoleInput, AssumeRoleOutcome, IssuedCredentials, RoleAssumer, StsFailure } from '../sts/role-assumer.ts';

/** What the scripted STS does with one call. */
export type Script = (input: AssumeRoleInput, call: number) => AssumeRoleOutcome | Promise<AssumeRoleOutcome>;

/** Records calls; answers with credentials valid for `durationSeconds` from `now()` unless scripted otherwise. */
export class ScriptedAssumer implements RoleAssumer {
  readonly calls: AssumeRoleInput[] = [];
  script: Script;
  readonly #now: () => number;
  #serial = 0;

  constructor(now: () => number, script?: Script) {
    this.#now = now;
    this.script = script ?? ((input) => ({ ok: true, credentials: this.issue(input) }));
  }

  async assumeRole(input: AssumeRoleInput): Promise<AssumeRoleOutcome> {
    this.calls.push(input);
    return this.script(input, this.calls.length);
  }

  /** Credentials as an STS would issue them for the input. */
  issue(input: AssumeRoleInput): IssuedCredentials {
    const n = ++this.#serial;
    const now = this.#now();
    return {
      accessKeyId: `ASIATEST${String(n).padStart(12, '0')}`,
      secretAccessKey: `secret-${n}-${input.sessionName}`,
      sessionToken: `token-${n}-${input.role.arn}-${input.externalId ?? ''}`,
      expiration: now + input.durationSeconds * 1000,
      issuedAt: now,
      accountId: input.role.accountId,
      tagged: input.tags.length > 0,
    };
  }
}

/** An STS failure of the given kind. */
export function stsFailure(kind: StsFailure['kind'], code: string, status?: number): { ok: false; failure: StsFailure } {
  return { ok: false, failure: { kind, code, status, message: `${code} (scripted)` } };
}
