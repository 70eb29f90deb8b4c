import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromCliJson } from '../support/history-json';
import { testDataConverter } from '../support/payload-keys';
import { getWorkflowBundle } from '../support/temporal';

/** Committed histories of representative runs, one folder per workflow code version (see docs/workflow-versioning.md). */
const HISTORIES = path.join(__dirname, 'histories');

function committedHistories(): Array<{ name: string; history: unknown }> {
  return readdirSync(HISTORIES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: file,
      history: historyFromCliJson(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'))),
    }));
}

describe("today's workflow code replays the committed histories of earlier versions' runs", () => {
  const histories = committedHistories();

  it('has the representative runs of every recorded version', () => {
    const folders = new Set(histories.map(({ name }) => path.dirname(name)));
    for (const folder of folders) {
      expect(
        histories.filter(({ name }) => path.dirname(name) === folder).map(({ name }) => path.basename(name)),
      ).toEqual(
        expect.arrayContaining([
          'plain-sync.json',
          'coalesced-burst.json',
          'failure-xero-rejects.json',
          'change-during-pass.json',
        ]),
      );
    }
  });

  it.each(histories.map(({ name }) => name))('replays %s without a nondeterminism error', async (name) => {
    const { history } = histories.find((entry) => entry.name === name)!;
    const options = { workflowBundle: await getWorkflowBundle(), dataConverter: await testDataConverter() };
    await expect(Worker.runReplayHistory(options, history, name)).resolves.toBeUndefined();
  });
});
