// `npm run bench [name ...]`: runs podiam's benchmarks and prints their figures with the ratios to
// the baselines measured in the same run.
const suites: Record<string, () => Promise<void>> = {
  policy: async () => (await import('./policy.ts')).run(),
  sts: async () => (await import('./sts.ts')).run(),
  agent: async () => (await import('./agent.ts')).run(),
  s3: async () => (await import('./s3.ts')).run(),
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(suites);
console.log(`podiam benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const name of names) {
  const suite = suites[name];
  if (suite === undefined) {
    console.error(`unknown benchmark '${name}'; known: ${Object.keys(suites).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  await suite();
}
