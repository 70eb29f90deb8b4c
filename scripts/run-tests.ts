import { spawnSync } from 'node:child_process';
import { ensureTemporalCli } from '../lib/temporal/cli';

/** The test folders whose tests touch the database; they run a second time on PostgreSQL. */
const DATABASE_SUITES = ['test/db', 'test/api', 'test/e2e', 'test/xero', 'test/activities'];
/** Suites run on PGlite only: the randomized 400-order lives take minutes and exercise no SQL the others do not. */
const PGLITE_ONLY_SUITES = ['test/e2e/order-life-random.test.ts'];

function jest(args: string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync('npx', ['jest', ...args], { stdio: 'inherit', env });
  return result.status ?? 1;
}

/** Runs the whole suite on embedded PGlite, then the database suites on PostgreSQL when TEST_DATABASE_URL is set. */
function main(): void {
  const extraArgs = process.argv.slice(2);
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_CLI: ensureTemporalCli() };
  const pgliteEnv = { ...env };
  delete pgliteEnv.TEST_DATABASE_URL;
  console.log('\n=== Test suite on embedded PGlite ===');
  let status = jest(extraArgs, pgliteEnv);
  if (process.env.TEST_DATABASE_URL) {
    console.log('\n=== Database suites on PostgreSQL (TEST_DATABASE_URL) ===');
    const postgresStatus = jest(
      [
        ...extraArgs,
        '--testPathPatterns',
        DATABASE_SUITES.join('|'),
        '--testPathIgnorePatterns',
        ...PGLITE_ONLY_SUITES,
      ],
      env,
    );
    status = status || postgresStatus;
  } else {
    console.log('\nTEST_DATABASE_URL is not set: skipped the PostgreSQL pass (see README, "Tests").');
  }
  process.exit(status);
}

main();
