// `podiam serve`: runs the control plane until SIGTERM/SIGINT, then drains in-flight requests.
import { composeServer } from './compose.ts';
import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';
import { readServeCommandLine } from './serve-command-line.ts';
import { startServer } from '../server/index.ts';

const USAGE = `Usage: podiam serve [--listen HOST:PORT] [--data-dir DIR] [--account-id ID] [--region REGION]
                    [--public-base-url URL] [--database-url postgres://...] [--log-level LEVEL]

Serves IAM, STS and Organizations on AWS's wire protocols (default 127.0.0.1:4577), with state in
DIR (default ./.podiam). On first start it creates the management account and an administrator key,
written as DIR/credentials and DIR/config for the AWS CLI:
  AWS_SHARED_CREDENTIALS_FILE=DIR/credentials AWS_CONFIG_FILE=DIR/config aws iam list-roles
Environment: PODIAM_ADMIN_ACCESS_KEY_ID / PODIAM_ADMIN_SECRET_ACCESS_KEY set the administrator's keys;
PODIAM_LISTEN, PODIAM_DATA_DIR, ... mirror the flags (flags win).
`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the control plane: IAM, STS and Organizations on AWS wire protocols',
  async run(argv) {
    const commandLine = readServeCommandLine('serve', argv, USAGE);
    if ('exit' in commandLine) return commandLine.exit;
    const server = await startServer(commandLine.config, composeServer());
    writeOut(`podiam serve: listening on ${server.url} (data in ${commandLine.config.dataDir})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await server.close();
    return 0;
  },
};
