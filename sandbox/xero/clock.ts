/** The sandbox's own clock: every time-based rule reads it, and tests move it forward with advance(). */
export interface SandboxClock {
  /** Current sandbox time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by ms milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-millisecond time. */
  set(epochMs: number): void;
}

/**
 * A clock at `wall() + shift`: with a fixed `wall` it stands still until moved (tests), with `Date.now` it follows
 * real time while advance() and set() still move it.
 */
function shiftedClock(startMs: number, wall: () => number): SandboxClock {
  let shift = startMs - wall();
  return {
    now: () => wall() + shift,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('clock.advance needs a non-negative number of ms');
      shift += ms;
    },
    set(epochMs: number) {
      shift = epochMs - wall();
    },
  };
}

/** Creates a manual clock starting at startMs (default: the real time when created); only tests move it. */
export function createClock(startMs: number = Date.now()): SandboxClock {
  return shiftedClock(startMs, () => 0);
}

/** Creates a clock that follows real time from startMs (default: now), for sandboxes people use by hand. */
export function createRealTimeClock(startMs: number = Date.now()): SandboxClock {
  return shiftedClock(startMs, () => Date.now());
}
