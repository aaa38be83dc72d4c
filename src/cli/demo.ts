// `podiam demo`: runs the seeds' scenarios (examples/seed000..003) against a running podiam with the
// AWS SDK v3 and prints every step and every allowed and refused call with its reason. Exit code 0
// when each call was allowed or refused as the policies say, 1 otherwise, 2 for a usage error.
import { parseArgs } from 'node:util';
import { EXAMPLES_DIR, runDemo, SEED_IDS, type SeedId } from '../demo/index.ts';
import { clustersClient } from './cluster.ts';
import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';
import { resolveClientConfig } from './podiam-client.ts';

const USAGE = `Usage: podiam demo [--seed 000|001|002|003 ...] [--endpoint-url URL] [--region REGION] [--examples DIR]

Runs the seeds' scenarios against a running podiam (start one with \`npm start\` or \`podiam up\`):
accounts, clusters, OIDC providers, roles, buckets and objects from examples/, then each pod's calls
with the AWS SDK, printing what was allowed and what was refused, and why. Re-runnable: what exists
is reused or updated. Endpoint: --endpoint-url, else AWS_ENDPOINT_URL, else http://127.0.0.1:4577;
credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else the shared credentials file
(./.podiam/credentials, which podiam up writes). Exit code 0 when every call was allowed or refused
as the policies say.
`;

export const demoCommand: Command = {
  name: 'demo',
  summary: "run the seeds' scenarios against a running podiam and show what is allowed and refused, and why",
  async run(argv) {
    let values: { seed?: string[]; 'endpoint-url'?: string; region?: string; examples?: string; help?: boolean };
    try {
      values = parseArgs({
        args: [...argv],
        options: {
          seed: { type: 'string', multiple: true },
          'endpoint-url': { type: 'string' },
          region: { type: 'string' },
          examples: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }).values;
    } catch (err) {
      writeErr(`podiam demo: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (values.help === true) {
      writeOut(USAGE);
      return 0;
    }
    const seeds: SeedId[] = [];
    for (const given of values.seed ?? []) {
      const id = SEED_IDS.find((s) => s === given.padStart(3, '0'));
      if (id === undefined) {
        writeErr(`podiam demo: --seed must be one of ${SEED_IDS.join(', ')}, got '${given}'\n`);
        return 2;
      }
      seeds.push(id);
    }
    const config = resolveClientConfig({ endpointUrl: values['endpoint-url'], region: values.region }, process.env);
    if ('error' in config) {
      writeErr(`podiam demo: ${config.error}\n(start podiam with \`npm start\` in this directory, or set AWS_SHARED_CREDENTIALS_FILE)\n`);
      return 1;
    }
    const result = await runDemo(
      { endpoint: config.endpoint, region: config.region, admin: config.credentials, clusters: clustersClient(config), examplesDir: values.examples ?? EXAMPLES_DIR },
      seeds,
      writeOut,
    );
    return result.passed ? 0 : 1;
  },
};
