// `podiam demo`'s run: who the administrator is, whether S3 answers, then each chosen seed's scenario,
// and the tally. A scenario that stops on an unexpected error is reported and counted, and the next
// seed still runs.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { probeS3 } from './bucket-setup.ts';
import { AwsClients, type DemoContext, type DemoEnvironment } from './demo-context.ts';
import { failureOf } from './aws-failure.ts';
import { DemoLog } from './demo-log.ts';
import { seed000 } from './seed-000.ts';
import { seed001 } from './seed-001.ts';
import { seed002 } from './seed-002.ts';
import { seed003 } from './seed-003.ts';
import { ALLOWED } from './outcome.ts';
import type { SeedId, SeedScenario } from './seed-scenario.ts';

/** The scenarios, in the seeds' order. */
export const SCENARIOS: readonly SeedScenario[] = [seed000, seed001, seed002, seed003];

/** The outcome of a run. */
export interface DemoResult {
  /** Every expected outcome happened (nothing refused that should be allowed, or the reverse; nothing left unchecked). */
  readonly passed: boolean;
  readonly log: DemoLog;
}

/** Runs the chosen seeds' scenarios (all when `seeds` is empty) against a running podiam. */
export async function runDemo(env: DemoEnvironment, seeds: readonly SeedId[], write: (text: string) => void): Promise<DemoResult> {
  const log = new DemoLog(write);
  const admin = new AwsClients(env, env.admin);
  let identity: { Account?: string; Arn?: string };
  try {
    identity = await admin.sts.send(new GetCallerIdentityCommand({}));
  } catch (err) {
    const failure = failureOf(err);
    log.raw(`podiam demo: cannot call STS GetCallerIdentity on ${env.endpoint}: ${failure.code}: ${failure.message}\n` +
      `Is podiam running there (npm start, or podiam up), and are these its credentials?\n`);
    return { passed: false, log };
  }
  const s3 = await probeS3(admin);
  const ctx: DemoContext = {
    env,
    log,
    managementAccount: identity.Account ?? '',
    admin,
    s3,
    clientsFor: (credentials) => new AwsClients(env, credentials),
  };
  log.raw(`podiam demo against ${env.endpoint} as ${identity.Arn ?? '?'} (region ${env.region})\n`);
  if (!s3.available) log.raw(`S3 not available on this endpoint (${s3.reason}): its steps are reported as not checked\n`);
  log.raw('Each checked call prints "ok" when it was allowed or refused as the policies say, "FAIL" when not.\n');

  const chosen = seeds.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => seeds.includes(s.id));
  for (const scenario of chosen) {
    log.seed(`${scenario.title} (examples/${scenario.dir})`);
    try {
      await scenario.run(ctx);
    } catch (err) {
      const failure = failureOf(err);
      log.record(`seed ${scenario.id} stopped`, ALLOWED, { kind: 'refused', code: failure.code, reason: failure.message });
    }
  }
  log.raw(`\n${log.tally.summary()}\n`);
  for (const label of log.tally.mismatches) log.raw(`  did not happen as expected: ${label}\n`);
  return { passed: log.tally.passed, log };
}
