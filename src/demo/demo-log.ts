// What `podiam demo` prints: a heading per seed, its steps, and one line per checked call saying what
// was expected and what happened (with the refusal's error code and message as the service sent them).
import { failureOf } from './aws-failure.ts';
import { describeExpectation, Tally, verdict, type Expectation, type Observation } from './outcome.ts';

/** Prints the demo's progress and keeps its tally. */
export class DemoLog {
  readonly tally = new Tally();
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  /** A seed's heading. */
  seed(title: string): void {
    this.#write(`\n== ${title}\n`);
  }

  /** A step within a seed. */
  step(title: string): void {
    this.#write(`\n-- ${title}\n`);
  }

  /** A line of set-up or explanation. */
  info(text: string): void {
    this.#write(`   ${text.replace(/\n/g, '\n   ')}\n`);
  }

  /** Any text, as is. */
  raw(text: string): void {
    this.#write(text);
  }

  /** Records and prints one observed outcome against its expectation. */
  record(label: string, expected: Expectation, observed: Observation, note?: string): boolean {
    const result = verdict(expected, observed);
    this.tally.add(result, label);
    const head = result === 'ok' ? 'ok  ' : result === 'mismatch' ? 'FAIL' : 'skip';
    let line: string;
    switch (observed.kind) {
      case 'allowed':
        line = `${head}  allowed  ${label}${observed.detail === '' ? '' : `: ${observed.detail}`}`;
        break;
      case 'refused':
        line = `${head}  refused  ${label}: ${observed.code}: ${observed.reason}`;
        break;
      case 'skipped':
        line = `${head}  ${label}: ${observed.reason}`;
        break;
      default: {
        const never: never = observed;
        return never;
      }
    }
    if (result === 'mismatch') line += `\n        expected ${describeExpectation(expected)}`;
    if (note !== undefined) line += `\n        ${note}`;
    this.#write(`   ${line}\n`);
    return result === 'ok';
  }

  /**
   * Runs `attempt` and records its outcome: what it returns is an allowed call (with the detail to
   * print), what it throws is a refusal with the error's code and message.
   */
  async check(label: string, expected: Expectation, attempt: () => Promise<string>, options: { note?: string; skip?: string } = {}): Promise<boolean> {
    if (options.skip !== undefined) return this.record(label, expected, { kind: 'skipped', reason: options.skip }, options.note);
    let observed: Observation;
    try {
      observed = { kind: 'allowed', detail: await attempt() };
    } catch (err) {
      const failure = failureOf(err);
      observed = { kind: 'refused', code: failure.code, reason: failure.message };
    }
    return this.record(label, expected, observed, options.note);
  }
}
