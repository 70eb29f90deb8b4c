import { execFileSync } from 'node:child_process';
import { ensureTemporalCli } from '../lib/temporal/cli';

/** Finds or installs the Temporal CLI and prints its path and version. */
function main(): void {
  const cli = ensureTemporalCli();
  const version = execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`${cli}\n${version}`);
}

main();
