import { openDatabase, type Db } from '../../lib/db';
import { openTestDatabase } from '../support/database';

describe('Db', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
    await db.query('CREATE TABLE scratch (id integer PRIMARY KEY, note text NOT NULL)');
  });
  afterAll(() => db.close());

  const notes = async (ids: number[]) =>
    (await db.query<{ note: string }>('SELECT note FROM scratch WHERE id = ANY($1::int[]) ORDER BY id', [ids])).map(
      (row) => row.note,
    );

  it('returns the same JavaScript types on both engines', async () => {
    const [row] = await db.query(
      `SELECT 5::int AS i, 9007199254740991::bigint AS b, 12.30::numeric AS n, '{"a": [1, "x"]}'::jsonb AS j,
              $1::timestamptz AS t`,
      [new Date('2024-02-29T23:59:59.123Z')],
    );
    expect(row).toStrictEqual({
      i: 5,
      b: 9007199254740991,
      n: '12.30',
      j: { a: [1, 'x'] },
      t: new Date('2024-02-29T23:59:59.123Z'),
    });
  });

  it('refuses a bigint that a JavaScript number cannot hold exactly', async () => {
    await expect(db.query('SELECT 9007199254740993::bigint AS b')).rejects.toThrow(/MAX_SAFE_INTEGER/);
  });

  it('commits a transaction and returns its result', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch VALUES (1, $1)', ['committed']);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await notes([1])).toEqual(['committed']);
  });

  it('rolls back when the callback throws, rethrowing the same error', async () => {
    const failure = new Error('callback failed');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch VALUES (2, $1)', ['rolled back']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await notes([2])).toEqual([]);
  });

  it('runs nested transactions as savepoints: an inner failure undoes only the inner work', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch VALUES (3, $1)', ['outer']);
      await expect(
        tx.transaction(async (inner) => {
          await inner.query('INSERT INTO scratch VALUES (4, $1)', ['inner']);
          await inner.query('INSERT INTO scratch VALUES (3, $1)', ['duplicate key']);
        }),
      ).rejects.toThrow(/duplicate key/);
      await tx.transaction((inner) => inner.query('INSERT INTO scratch VALUES (5, $1)', ['inner ok']));
    });
    expect(await notes([3, 4, 5])).toEqual(['outer', 'inner ok']);
  });

  it('does not commit silently when a failed statement was caught inside the transaction', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch VALUES (6, $1)', ['before the failure']);
        await tx.query('SELECT * FROM no_such_table').catch(() => undefined);
      }),
    ).rejects.toMatchObject({ code: '25P02', message: expect.stringMatching(/rolled back instead of committed/) });
    expect(await notes([6])).toEqual([]);
  });

  it('rejects use of a transaction handle after the transaction ended', async () => {
    const leaked = await db.transaction(async (tx) => tx);
    await expect(leaked.query('SELECT 1')).rejects.toThrow(/already ended/);
  });

  it('fails fast, instead of deadlocking, when the outer handle is used inside its own transaction', async () => {
    await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(/use the `tx` handle/);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('allows the outer handle again once the transaction is over, even from code that started inside it', async () => {
    let later: Promise<unknown> = Promise.resolve();
    await db.transaction(async () => {
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => db.query('SELECT 1'));
    });
    await expect(later).resolves.toEqual([{ '?column?': 1 }]);
  });
});

describe('openDatabase', () => {
  it('needs a database URL, a data folder or inMemory', async () => {
    await expect(openDatabase({})).rejects.toThrow(/databaseUrl, a dataDir or inMemory/);
  });

  it('closes idempotently, and refuses queries afterwards', async () => {
    const db = await openTestDatabase();
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
    await expect(db.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});
