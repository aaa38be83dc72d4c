// The demo's bookkeeping: what each call was expected to do (be allowed, or be refused with a given
// error code), what it did, and whether the two agree. Pure: printing is the log's job.

/** What a call should do: succeed, or fail with this error code (AccessDenied, InvalidIdentityToken, ...). */
export type Expectation = { readonly kind: 'allowed' } | { readonly kind: 'refused'; readonly code: string };

/** What a call did. `error` is a failure that is not a refusal the demo could expect (a network error). */
export type Observation =
  | { readonly kind: 'allowed'; readonly detail: string }
  | { readonly kind: 'refused'; readonly code: string; readonly reason: string }
  | { readonly kind: 'skipped'; readonly reason: string };

/** An expectation met, missed, or not checked. */
export type Verdict = 'ok' | 'mismatch' | 'skipped';

export const ALLOWED: Expectation = { kind: 'allowed' };

/** Expects a refusal with `code`. */
export function refused(code = 'AccessDenied'): Expectation {
  return { kind: 'refused', code };
}

/** Whether an observation is what was expected. */
export function verdict(expected: Expectation, observed: Observation): Verdict {
  switch (observed.kind) {
    case 'skipped':
      return 'skipped';
    case 'allowed':
      return expected.kind === 'allowed' ? 'ok' : 'mismatch';
    case 'refused':
      return expected.kind === 'refused' && expected.code === observed.code ? 'ok' : 'mismatch';
    default: {
      const never: never = observed;
      return never;
    }
  }
}

/** How an expectation reads in a line: `allowed`, `refused (AccessDenied)`. */
export function describeExpectation(expected: Expectation): string {
  return expected.kind === 'allowed' ? 'allowed' : `refused (${expected.code})`;
}

/** The running count of verdicts. */
export class Tally {
  ok = 0;
  mismatched = 0;
  skipped = 0;
  readonly #mismatches: string[] = [];

  /** Counts one verdict; `label` names the call in the list of mismatches. */
  add(result: Verdict, label: string): void {
    switch (result) {
      case 'ok':
        this.ok += 1;
        return;
      case 'mismatch':
        this.mismatched += 1;
        this.#mismatches.push(label);
        return;
      case 'skipped':
        this.skipped += 1;
        return;
      default: {
        const never: never = result;
        return never;
      }
    }
  }

  /** The calls whose outcome differed from the expectation. */
  get mismatches(): readonly string[] {
    return this.#mismatches;
  }

  /** Every expected outcome happened, and none was left unchecked. */
  get passed(): boolean {
    return this.mismatched === 0 && this.skipped === 0 && this.ok > 0;
  }

  /** One line: `23 expected outcomes: 23 happened, 0 did not, 0 not checked`. */
  summary(): string {
    const total = this.ok + this.mismatched + this.skipped;
    return `${total} expected outcome${total === 1 ? '' : 's'}: ${this.ok} happened, ${this.mismatched} did not, ${this.skipped} not checked`;
  }
}
