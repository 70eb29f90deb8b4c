import { writeFile } from 'node:fs/promises';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from './workflows-path';

/** Writes the workflow bundle to the file named by the first argument (run by bundleWorkflowsApart). */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: bundle-workflows <output file>');
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  await writeFile(out, code, 'utf8');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
