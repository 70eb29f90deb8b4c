import { AsyncLocalStorage } from 'node:async_hooks';
import type { CapacityWait } from './governor';

/** Receives the capacity waits of the work it was installed for. */
export type CapacityWaitReporter = (wait: CapacityWait) => void;

const reporters = new AsyncLocalStorage<CapacityWaitReporter>();

/** Runs `work` so that every wait for Xero capacity inside it is reported to `reporter` (an activity's UI details). */
export function withCapacityWaitReporter<T>(reporter: CapacityWaitReporter, work: () => Promise<T>): Promise<T> {
  return reporters.run(reporter, work);
}

/** The reporter of the work running now, if any (a batch of requests reports to each of its callers'). */
export function currentCapacityWaitReporter(): CapacityWaitReporter | undefined {
  return reporters.getStore();
}

/** Reports a wait to the reporter of the work running now (the governor's default onWait); ignored outside one. */
export function reportCapacityWait(wait: CapacityWait): void {
  reporters.getStore()?.(wait);
}
