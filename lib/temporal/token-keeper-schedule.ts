import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** The schedule that refreshes aging Xero refresh tokens every day. */
export const TOKEN_KEEPER_SCHEDULE_ID = 'xero-token-keeper';

/** Creates the daily token keeper schedule unless it exists (every process may call this at start). */
export async function ensureTokenKeeperSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: TOKEN_KEEPER_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 day' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: {
        type: 'startWorkflow',
        workflowType: 'keepXeroTokensAliveWorkflow',
        workflowId: 'xero-token-keeper',
        taskQueue,
        args: [],
      },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
