/** Stops `what` on the first SIGTERM or SIGINT and exits: 0 when it stopped cleanly, 1 when stopping failed. */
export function stopOnSignal(what: string, stop: () => Promise<void>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      console.log(`${signal} received: stopping ${what}…`);
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
