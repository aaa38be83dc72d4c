// demo/: `podiam demo`, the seeds' scenarios run against a running podiam with the AWS SDK v3, each
// allowed and refused call printed with its reason.
export { runDemo, SCENARIOS, type DemoResult } from './run-demo.ts';
export { SEED_IDS, type SeedId, type SeedScenario } from './seed-scenario.ts';
export { EXAMPLES_DIR } from './example-files.ts';
export type { ClustersApi, ClustersCallResult, Credentials, DemoEnvironment } from './demo-context.ts';
