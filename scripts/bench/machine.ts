import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** The machine a run happened on: CPU model, cores, RAM, OS, Node version, and the load when it started. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const ramGiB = os.totalmem() / 1024 ** 3;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return (
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${ramGiB.toFixed(1)} GiB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, load average at start ${load}`
  );
}

/** The checked-out commit, with "+ local changes" when tracked files other than BENCHMARKS.md differ from it. */
export function describeCommit(cwd: string): string {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  try {
    const commit = git('rev-parse', '--short=12', 'HEAD');
    const changed = git('status', '--porcelain', '--untracked-files=no')
      .split('\n')
      .filter((line) => line !== '' && !line.endsWith('BENCHMARKS.md'));
    return changed.length > 0 ? `${commit} + local changes` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
