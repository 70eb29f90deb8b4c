import { TOKEN_KEEPER_SCHEDULE_ID } from '../../lib/temporal/token-keeper-schedule';
import { eventually } from '../support/ports';
import { useTestStack } from '../support/stack';
import { waitForLedger } from './support';

describe('the daily token keeper schedule', () => {
  const context = useTestStack();

  const keeperRunsCompleted = async (): Promise<number> =>
    (
      await context.stack.temporal.workflow.count(
        `WorkflowType = 'keepXeroTokensAliveWorkflow' AND ExecutionStatus = 'Completed'`,
      )
    ).count;

  it('refreshes a refresh token left unused for 50 days, and leaves a fresh one alone', async () => {
    const { stack } = context;
    const { storeId } = stack.store;
    const schedule = stack.temporal.schedule.getHandle(TOKEN_KEEPER_SCHEDULE_ID);
    // The API creates it at start, without waiting for it.
    const described = await eventually(() => schedule.describe().catch(() => undefined), 30_000, 'the schedule');
    expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 86_400_000 })]);

    const before = await stack.services.repos.xeroConnections.get(storeId);
    await stack.db.query(
      `UPDATE xero_connections SET refresh_token_at = now() - interval '51 days' WHERE store_id = $1`,
      [storeId],
    );
    await schedule.trigger();
    await eventually(async () => ((await keeperRunsCompleted()) >= 1 ? true : undefined), 60_000, 'a keeper run');
    const after = await stack.services.repos.xeroConnections.get(storeId);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.status).toBe('connected');

    // The new tokens work: an order still books.
    const order = await stack.woo.orders.create({
      status: 'processing',
      billing: { first_name: 'Ana', last_name: 'Keeper', email: 'ana.keeper@example.co.nz', country: 'NZ' },
      lineItems: [{ name: 'Kete', sku: 'KETE-1', quantity: 1, price: 30 }],
    });
    expect((await waitForLedger(stack, order.id)).state).toBe('synced');

    const fresh = await stack.services.repos.xeroConnections.get(storeId);
    await schedule.trigger();
    await eventually(async () => ((await keeperRunsCompleted()) >= 2 ? true : undefined), 60_000, 'a second run');
    expect((await stack.services.repos.xeroConnections.get(storeId))?.refreshToken).toBe(fresh?.refreshToken);
  }, 180_000);
});
