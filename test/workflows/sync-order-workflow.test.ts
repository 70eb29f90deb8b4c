import { WorkflowFailedError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { SyncActivities } from '../../activities/types';
import type { StoreActivities, WorkerActivities } from '../../activities';
import type { WooOrder } from '../../lib/woocommerce/order-schema';
import { createSyncWorker } from '../../worker/create-worker';
import {
  orderChangedSignal,
  orderSyncWorkflowId,
  syncStatusQuery,
  xeroCapacityWaitSignal,
} from '../../workflows/definitions';
import { SYNC_STATE, WOO_ORDER_NUMBER, WOO_STORE_ID, XERO_DOCUMENT_NUMBER } from '../../lib/temporal/search-attributes';
import { syncOrderWorkflow } from '../../workflows/sync-order';
import { createEncryptionCodec } from '../../lib/temporal/payload-codec';
import { testDataConverter, testKeyring } from '../support/payload-keys';
import { getWorkflowBundle, startTestTemporal } from '../support/temporal';

const order = { id: 42, number: '42' } as WooOrder;
const plan = { kind: 'invoice', items: [{ Code: 'MUG' }], contact: {}, expectedTotal: '10.00', settingsVersion: 1 };

/** The store activities of a store that always lets its orders sync (the gate is tested in test/e2e). */
function storeAlwaysSyncs(): Pick<StoreActivities, 'checkStoreMaySync' | 'noteXeroRefused'> {
  return {
    checkStoreMaySync: () => Promise.resolve({ verdict: 'sync' }),
    noteXeroRefused: () => Promise.resolve(),
  };
}

/** Activities that record calls; the workflow's orchestration is what is under test here. */
function recordingActivities(overrides: Partial<SyncActivities> = {}): SyncActivities & { calls: string[] } {
  const calls: string[] = [];
  const record =
    <T>(name: string, result: T) =>
    async (): Promise<T> => {
      calls.push(name);
      return result;
    };
  return {
    calls,
    planOrderSync: record('planOrderSync', { orderNumber: '42', ...plan } as never),
    fetchWooOrder: record('fetchWooOrder', order),
    getLedgerEntry: record('getLedgerEntry', null),
    recordLedgerEntry: record('recordLedgerEntry', undefined),
    recordSyncFailure: record('recordSyncFailure', undefined),
    planXeroDocument: record('planXeroDocument', plan as never),
    findOrCreateXeroContact: record('findOrCreateXeroContact', 'contact-1'),
    chooseXeroContact: record('chooseXeroContact', { contactId: 'contact-1' }),
    ensureXeroItems: record('ensureXeroItems', undefined),
    createXeroDocument: record('createXeroDocument', {
      documentId: 'inv-1',
      number: 'WC-42',
      status: 'AUTHORISED',
      total: '10.00',
      currencyCode: 'NZD',
      contactId: 'contact-1',
      adopted: false,
    }),
    addWooOrderNote: record('addWooOrderNote', { written: true }),
    planOrderLife: record('planOrderLife', { changes: [], state: 'synced', differences: [] }),
    applyOrderChange: record('applyOrderChange', undefined as never),
    ...overrides,
  };
}

describe('syncOrderWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let queue = 0;

  beforeAll(async () => {
    env = await startTestTemporal();
  }, 120_000);
  afterAll(() => env?.teardown());

  async function runWith<T>(
    activities: SyncActivities & Partial<StoreActivities>,
    fn: (taskQueue: string) => Promise<T>,
  ): Promise<T> {
    const taskQueue = `wf-test-${++queue}`;
    const worker = await createSyncWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: { ...storeAlwaysSyncs(), ...activities } as WorkerActivities,
      dataConverter: await testDataConverter(),
      workflowBundle: await getWorkflowBundle(),
    });
    return worker.runUntil(fn(taskQueue));
  }

  it('coalesces a burst of ten webhook signals into one sync pass', async () => {
    const activities = recordingActivities();
    const workflowId = orderSyncWorkflowId('st_burst', 42);
    const result = await runWith(activities, async (taskQueue) => {
      for (let i = 0; i < 10; i++) {
        await env.client.workflow.signalWithStart(syncOrderWorkflow, {
          workflowId,
          taskQueue,
          args: [{ storeId: 'st_burst', orderId: 42, settleDelayMs: 1500 }],
          signal: orderChangedSignal,
          signalArgs: [{ topic: i === 0 ? 'order.created' : 'order.updated' }],
        });
      }
      return env.client.workflow.getHandle(workflowId).result();
    });
    expect(result).toMatchObject({ state: 'synced', documentNumber: 'WC-42' });
    expect(activities.calls.filter((name) => name === 'createXeroDocument')).toHaveLength(1);
    expect(activities.calls.filter((name) => name === 'planOrderSync')).toHaveLength(1);
    // New runs keep the WooCommerce order out of history: the legacy activities are not called.
    expect(activities.calls).not.toContain('fetchWooOrder');
    expect(activities.calls).not.toContain('planXeroDocument');
    const description = await env.client.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get(SYNC_STATE)).toBe('synced');
    expect(description.typedSearchAttributes.get(XERO_DOCUMENT_NUMBER)).toBe('WC-42');
    expect(description.typedSearchAttributes.get(WOO_STORE_ID)).toBe('st_burst');
    expect(description.typedSearchAttributes.get(WOO_ORDER_NUMBER)).toBe('42');

    // Each activity carries a one-line summary for the Temporal UI's timeline.
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    // Summaries are payloads too: the codec encrypts them like every other payload.
    const codec = createEncryptionCodec(await testKeyring());
    const scheduled = (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes);
    const encoded = scheduled.map((event) => event.userMetadata?.summary ?? {});
    const summaries = (await codec.decode(encoded)).map((payload) => defaultPayloadConverter.fromPayload(payload));
    expect(summaries).toContain('Create the Xero document exactly once');
    expect(summaries.every((summary) => typeof summary === 'string' && summary.length > 0)).toBe(true);
  });

  it('runs another pass when a change arrives while a pass is running', async () => {
    let releaseFetch: () => void = () => undefined;
    let fetches = 0;
    const activities = recordingActivities({
      getLedgerEntry: async () => {
        fetches += 1;
        if (fetches === 1) await new Promise<void>((resolve) => (releaseFetch = resolve));
        return null;
      },
    });
    const workflowId = orderSyncWorkflowId('st_late', 42);
    await runWith(activities, async (taskQueue) => {
      const handle = await env.client.workflow.start(syncOrderWorkflow, {
        workflowId,
        taskQueue,
        args: [{ storeId: 'st_late', orderId: 42, settleDelayMs: 200 }],
      });
      while (fetches === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      await handle.signal(orderChangedSignal, { topic: 'order.updated' });
      expect((await handle.query(syncStatusQuery)).state).toBe('syncing');
      releaseFetch();
      return handle.result();
    });
    expect(fetches).toBe(2);
  });

  it('shows a wait for Xero capacity as its SyncState while the pass runs, and ignores one after the run ended', async () => {
    let release: () => void = () => undefined;
    let creating = false;
    const recorded = recordingActivities();
    const activities = recordingActivities({
      createXeroDocument: async (...args) => {
        creating = true;
        await new Promise<void>((resolve) => (release = resolve));
        return recorded.createXeroDocument(...args);
      },
    });
    const workflowId = orderSyncWorkflowId('st_waits', 42);
    const syncState = async () =>
      (await env.client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(SYNC_STATE);
    const until = '2026-12-02T10:01:00.000Z';
    await runWith(activities, async (taskQueue) => {
      const handle = await env.client.workflow.start(syncOrderWorkflow, {
        workflowId,
        taskQueue,
        args: [{ storeId: 'st_waits', orderId: 42, settleDelayMs: 10 }],
      });
      while (!creating) await new Promise((resolve) => setTimeout(resolve, 50));
      await handle.signal(xeroCapacityWaitSignal, { until });
      expect((await handle.query(syncStatusQuery)).state).toBe('waiting-for-xero-capacity');
      expect(await syncState()).toBe('waiting-for-xero-capacity');
      await handle.signal(xeroCapacityWaitSignal, { until: null });
      expect((await handle.query(syncStatusQuery)).state).toBe('syncing');
      release();
      await handle.result();
      await handle.signal(xeroCapacityWaitSignal, { until }).catch(() => undefined);
    });
    expect(await syncState()).toBe('synced');
  });

  it('fails the run with the cause and records it when a step fails for good', async () => {
    const activities = recordingActivities({
      createXeroDocument: async () => {
        const { ApplicationFailure } = await import('@temporalio/common');
        throw ApplicationFailure.nonRetryable(
          'Xero rejected the invoice: Account code 999 is not valid',
          'XeroValidationError',
        );
      },
    });
    const workflowId = orderSyncWorkflowId('st_fail', 42);
    const error = await runWith(activities, async (taskQueue) =>
      env.client.workflow
        .execute(syncOrderWorkflow, {
          workflowId,
          taskQueue,
          args: [{ storeId: 'st_fail', orderId: 42, settleDelayMs: 10 }],
        })
        .catch((err: unknown) => err),
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(String((error as WorkflowFailedError).cause?.message)).toContain('Account code 999 is not valid');
    expect(activities.calls).toContain('recordSyncFailure');
    const description = await env.client.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get(SYNC_STATE)).toBe('failed');
  });
});
