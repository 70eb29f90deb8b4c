import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTemporalCli } from '../../lib/temporal/cli';
import { SYNC_STATE, WOO_ORDER_NUMBER, WOO_STORE_ID, XERO_DOCUMENT_NUMBER } from '../../lib/temporal/search-attributes';
import { WORKFLOWS_PATH } from '../../worker/workflows-path';
import { testDataConverter } from './payload-keys';

/**
 * Starts a real Temporal dev server (the project's CLI binary) with the project's search attributes; its client
 * encrypts payloads like the service's (the test key).
 */
export async function startTestTemporal(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    client: { dataConverter: await testDataConverter() },
    server: {
      executable: { type: 'existing-path', path: ensureTemporalCli() },
      searchAttributes: [WOO_STORE_ID, WOO_ORDER_NUMBER, XERO_DOCUMENT_NUMBER, SYNC_STATE],
      log: { format: 'pretty', level: 'error' },
    },
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per test file, shared by every worker the file starts. */
export function getWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  return bundle;
}

const noop = (): void => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

let runtimeInstalled = false;

/** Keeps the worker runtime's logs to warnings so test output stays readable. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
