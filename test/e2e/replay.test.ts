import { Worker } from '@temporalio/worker';
import { useTestStack } from '../support/stack';
import { testDataConverter } from '../support/payload-keys';
import { getWorkflowBundle } from '../support/temporal';
import { eventually } from '../support/ports';
import { waitForSyncToFinish } from './support';

describe("today's workflow code replays the histories of real runs", () => {
  const ctx = useTestStack();

  it('replays a synced and a skipped run without a nondeterminism error', async () => {
    const buyer = { first_name: 'Mere', last_name: 'Tawhiri', email: 'mere@example.co.nz', country: 'NZ' };
    const synced = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: buyer,
      lineItems: [{ name: 'Flax basket', sku: 'FLAX-1', quantity: 1, price: 35 }],
      shippingLines: [{ methodTitle: 'Courier', total: 8 }],
    });
    const skipped = ctx.stack.woo.orders.create({
      status: 'pending',
      billing: buyer,
      lineItems: [{ name: 'Flax basket', sku: 'FLAX-1', quantity: 1, price: 35 }],
    });
    await Promise.all([synced, skipped].map((order) => waitForSyncToFinish(ctx.stack, order.id)));

    const query = `WorkflowType = 'syncOrderWorkflow' AND WooStoreId = '${ctx.stack.store.storeId}' AND ExecutionStatus = 'Completed'`;
    // Visibility trails the runs slightly: wait until both completed runs are listed.
    await eventually(async () => ((await ctx.stack.temporal.workflow.count(query)).count === 2 ? true : undefined));
    const histories = ctx.stack.temporal.workflow.list({ query }).intoHistories();
    const results = Worker.runReplayHistories(
      { workflowBundle: await getWorkflowBundle(), dataConverter: await testDataConverter() },
      histories,
    );
    const replayed: string[] = [];
    for await (const result of results) {
      expect({ workflowId: result.workflowId, error: result.error }).toEqual({
        workflowId: result.workflowId,
        error: undefined,
      });
      replayed.push(result.workflowId);
    }
    expect(replayed.sort()).toEqual(
      [synced, skipped].map((order) => `order-sync:${ctx.stack.store.storeId}:${order.id}`).sort(),
    );
  });
});
