/** The three statements that open, keep and undo a unit of work (a transaction or a savepoint). */
export interface Boundary {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Runs `fn` inside `boundary`: commits on success; on failure rolls back and rethrows the original error. */
export async function runWithin<T>(boundary: Boundary, fn: () => Promise<T>): Promise<T> {
  await boundary.begin();
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    try {
      await boundary.rollback();
    } catch {
      // The caller's error explains what went wrong; a driver whose rollback fails discards the connection.
    }
    throw error;
  }
  await boundary.commit();
  return result;
}
