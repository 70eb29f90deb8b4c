import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchBacklog } from './backlog';
import { benchCallsPerOrder } from './calls-per-order';
import { describeCommit, describeMachine } from './machine';
import { BENCH_IDS, renderBenchmarks, renderSection, type BenchId, type BenchResult } from './report';
import { REPO_ROOT } from './service-process';
import { benchWebhooks } from './webhooks';
import { benchWorkerMemory } from './worker-memory';

const BENCHMARKS: Record<BenchId, () => Promise<BenchResult>> = {
  calls: benchCallsPerOrder,
  backlog: benchBacklog,
  webhooks: benchWebhooks,
  memory: benchWorkerMemory,
};

/** The benchmarks named on the command line (all when none), or an error naming the unknown ones. */
function chosen(args: readonly string[]): BenchId[] {
  const unknown = args.filter((arg) => !(BENCH_IDS as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from ${BENCH_IDS.join(', ')}.`);
  }
  return args.length === 0 ? [...BENCH_IDS] : BENCH_IDS.filter((id) => args.includes(id));
}

/** `npm run bench [-- calls|backlog|webhooks|memory …]`: runs the benchmarks and rewrites their BENCHMARKS.md sections. */
async function main(): Promise<void> {
  const ids = chosen(process.argv.slice(2));
  const database = process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL=<a PostgreSQL server> ' : '';
  const file = path.join(REPO_ROOT, 'BENCHMARKS.md');
  for (const id of ids) {
    const started = Date.now();
    const machine = describeMachine();
    console.log(`Running benchmark "${id}"…`);
    const result = await BENCHMARKS[id]();
    const section = renderSection(result, {
      command: `${database}npm run bench -- ${id}`,
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine,
      commit: describeCommit(REPO_ROOT),
    });
    console.log(`${section}\n\n(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    // Written after each benchmark, so a later one failing keeps the earlier figures.
    const previous = await readFile(file, 'utf8').catch(() => '');
    await writeFile(file, renderBenchmarks(previous, new Map([[id, section]])));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
