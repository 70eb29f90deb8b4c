/** The sandbox's own clock: every time-based rule reads it, and tests move it forward with advance(). */
export interface SandboxClock {
  /** Current sandbox time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by ms milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-millisecond time. */
  set(epochMs: number): void;
}

/** Creates a manual clock starting at startMs (default: the real time when created). */
export function createClock(startMs: number = Date.now()): SandboxClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('clock.advance needs a non-negative number of ms');
      current += ms;
    },
    set(epochMs: number) {
      current = epochMs;
    },
  };
}
