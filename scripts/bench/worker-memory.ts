import { customerEmail, orderOf } from './orders';
import { fixed, type BenchResult } from './report';
import { startBenchStack, type BenchStack } from './stack';

const IN_FLIGHT = 1000;
const SAMPLE_SECONDS = 60;
const TARGET_MB = 400;

const mb = (bytes: number): number => bytes / 1024 ** 2;

/** Open runs of the store's order workflows. */
async function running(stack: BenchStack): Promise<number> {
  const query = `WorkflowType = "syncOrderWorkflow" AND WooStoreId = "${stack.store.storeId}" AND ExecutionStatus = "Running"`;
  return (await stack.client.workflow.count(query)).count;
}

/** The worker's RSS in bytes, failing when the process is gone. */
function workerRss(stack: BenchStack): number {
  const rss = stack.worker?.rssBytes();
  if (rss === undefined) throw new Error(`the worker is not running; see ${stack.worker?.logFile}`);
  return rss;
}

/**
 * The worker's resident memory with 1,000 orders in flight: orders of new customers placed at once against the
 * Xero sandbox's real limits, so that nearly all of them wait for Xero capacity while the RSS is sampled.
 */
export async function benchWorkerMemory(): Promise<BenchResult> {
  const stack = await startBenchStack({ name: 'memory' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idle = workerRss(stack);
    for (let i = 0; i < IN_FLIGHT; i += 1) {
      stack.woo.orders.create(orderOf(customerEmail('memory', i), [`MEM-${i % 40}`]));
    }
    const deadline = Date.now() + 180_000;
    let open = 0;
    while ((open = await running(stack)) < IN_FLIGHT * 0.95) {
      if (Date.now() > deadline) throw new Error(`only ${open} of ${IN_FLIGHT} orders in flight after 3 minutes`);
      workerRss(stack);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const samples: number[] = [];
    let fewestOpen = open;
    for (let s = 0; s < SAMPLE_SECONDS; s += 1) {
      samples.push(workerRss(stack));
      if (s % 10 === 0) fewestOpen = Math.min(fewestOpen, await running(stack));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    fewestOpen = Math.min(fewestOpen, await running(stack));
    const peak = Math.max(...samples);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    return {
      id: 'memory',
      title: 'Worker memory with 1,000 orders in flight',
      figures: [
        { name: 'Worker RSS idle, before the orders (MB)', value: fixed(mb(idle), 0) },
        {
          name: `Worker RSS peak, ${IN_FLIGHT} orders in flight (MB)`,
          value: fixed(mb(peak), 0),
          target: `≤ ${TARGET_MB}`,
          met: mb(peak) <= TARGET_MB,
        },
        { name: 'Worker RSS mean over the sample (MB)', value: fixed(mb(mean), 0) },
        { name: 'Order runs open during the sample (fewest seen)', value: String(fewestOpen) },
      ],
      layout: stack.layout,
      notes: [
        `${IN_FLIGHT} orders of new customers placed at once; once at least 95 % of their runs were open, the worker ` +
          `process's VmRSS (/proc) was read every second for ${SAMPLE_SECONDS} s. Xero's real limits (60 calls a ` +
          'minute) keep nearly every run waiting for capacity meanwhile: the worker holds them all.',
        `RSS every 10 s of the sample (MB): ${samples
          .filter((_, s) => s % 10 === 0)
          .map((rss) => fixed(mb(rss), 0))
          .join(', ')}.`,
        'With embedded PGlite the one process also holds the API and the database; on PostgreSQL it is the worker alone.',
      ],
    };
  } finally {
    await stack.close();
  }
}
