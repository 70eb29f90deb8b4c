import { OPEN_GATE, type CallPermit, type XeroCallGate } from '../../lib/xero/call-gate';

/** A call gate a test holds shut, so requests pile up as behind a saturated governor. */
export interface HeldGate extends XeroCallGate {
  /** How many requests are waiting for a permit now. */
  waiting(): number;
  /** Lets the oldest waiting request go; the gate stays held for the others. */
  releaseNext(): void;
  /** Lets every waiting request go, and every later one at once, until `hold` is called again. */
  open(): void;
  /** Holds later requests again. */
  hold(): void;
}

/** A held gate; only requests for which `holds(what)` is true wait (default: all), the others pass at once. */
export function createHeldGate(holds: (what: string) => boolean = () => true): HeldGate {
  const queue: Array<() => void> = [];
  let held = true;
  const settled = OPEN_GATE.acquire('', '');
  return {
    async acquire(tenantId, what): Promise<CallPermit> {
      if (held && holds(what)) await new Promise<void>((resolve) => queue.push(resolve));
      return settled;
    },
    waiting: () => queue.length,
    releaseNext: () => queue.shift()?.(),
    open() {
      held = false;
      for (const release of queue.splice(0)) release();
    },
    hold() {
      held = true;
    },
  };
}
