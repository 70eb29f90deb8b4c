import type { PGlite, Transaction } from '@electric-sql/pglite';

import type { Connection, Driver, Row } from './db';
import { loadPglite } from './load-pglite';
import { INT8_OID, parseInt8 } from './type-parsers';

const TIMESTAMPTZ_OID = 1184;
const JSON_OID = 114;
const JSONB_OID = 3802;

/** Where an embedded database lives: a folder, or memory (empty, or started from a snapshot tarball). */
export interface PgliteLocation {
  dataDir?: string;
  snapshot?: Blob;
}

/** A PGlite driver, which can also dump its data folder as a tarball. */
export interface PgliteDriver extends Driver {
  /** The whole data folder as an uncompressed tarball, loadable as a `snapshot`. */
  dump(): Promise<Blob>;
}

/** A Driver over embedded PGlite. */
export async function createPgliteDriver(location: PgliteLocation): Promise<PgliteDriver> {
  // Under Jest PGlite lives in another realm (see loadPglite): Dates go in as ISO text, our own parsers build
  // timestamps and JSON, and rows and errors are copied, so callers always get values of their own realm.
  const pglite = await loadPglite().PGlite.create({
    dataDir: location.dataDir,
    loadDataDir: location.snapshot,
    parsers: {
      [INT8_OID]: parseInt8,
      [TIMESTAMPTZ_OID]: (text: string) => new Date(text),
      [JSON_OID]: (text: string): unknown => JSON.parse(text),
      [JSONB_OID]: (text: string): unknown => JSON.parse(text),
    },
  });
  return {
    ...connectionOver(pglite),
    // PGlite queues every other query behind an open transaction, which makes transactions exclusive.
    transaction: (fn) => adoptErrors(() => pglite.transaction((tx) => fn(connectionOver(tx)))),
    close: () => pglite.close(),
    dump: async () => new Blob([await (await pglite.dumpDataDir('none')).arrayBuffer()]),
  };
}

function connectionOver(target: PGlite | Transaction): Connection {
  return {
    query: (sql, params) =>
      adoptErrors(async () => {
        const result = await target.query<Row>(sql, params?.map(toPgliteParam));
        return Array.from(result.rows, (row) => ({ ...row }));
      }),
    exec: (sql) =>
      adoptErrors(async () => {
        await target.exec(sql);
      }),
  };
}

function toPgliteParam(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** Rethrows PGlite errors as Errors of this realm (same message, stack and fields such as `code`). */
async function adoptErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Error || typeof error !== 'object' || error === null) throw error;
    const foreign = error as { message?: unknown; stack?: unknown };
    throw Object.assign(new Error(String(foreign.message)), error, { stack: foreign.stack });
  }
}
