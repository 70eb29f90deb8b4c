import type { SecretCipher } from '../../secrets';
import type { Db } from '../db';
import { queryOne } from '../query-one';
import type { CreateSubject } from '../../lifecycle/effect-id';

/** What is known about the latest create request sent to Xero for a document. */
export type CreateOutcome = 'pending' | 'uncertain' | 'server-error' | 'batch-uncertain' | 'succeeded' | 'rejected';

/** The exactly-once bookkeeping for creating one order's Xero document or effect (see lib/xero). */
export interface CreateAttempt {
  storeId: string;
  orderId: number;
  /** The order's document (`invoice`, `quote`) or effect (`payment:…`) the create is for. */
  subject: CreateSubject;
  /** The Idempotency-Key sent with the create request. */
  idempotencyKey: string;
  /** Bumped each time a fresh key is needed (for example after Xero's 6-minute idempotency window). */
  generation: number;
  /** The exact JSON body sent, so a retry resends the same request. */
  requestBody: string;
  startedAt: Date;
  lastOutcome: CreateOutcome;
  updatedAt: Date;
}

/** What `begin` records before a create request goes out. */
export type CreateAttemptStart = Pick<CreateAttempt, 'idempotencyKey' | 'generation' | 'requestBody' | 'startedAt'>;

/** Create attempts, one row per (store, order, subject). */
export interface CreateAttemptsRepository {
  /** The latest attempt, or null if none was begun. */
  get(storeId: string, orderId: number, subject: CreateSubject): Promise<CreateAttempt | null>;
  /** Records an attempt about to be sent (replacing any earlier one); its outcome becomes `pending`. */
  begin(storeId: string, orderId: number, subject: CreateSubject, attempt: CreateAttemptStart): Promise<void>;
  /** Records how the attempt ended; throws if no attempt was begun. */
  setOutcome(storeId: string, orderId: number, subject: CreateSubject, outcome: CreateOutcome): Promise<void>;
}

const COLUMNS = `store_id AS "storeId", order_id AS "orderId", subject,
  idempotency_key AS "idempotencyKey", generation, request_body AS "requestBody", started_at AS "startedAt",
  last_outcome AS "lastOutcome", updated_at AS "updatedAt"`;

/** Creates the create-attempts repository; request bodies (customer names, addresses) are encrypted at rest. */
export function createCreateAttemptsRepository(db: Db, cipher: SecretCipher): CreateAttemptsRepository {
  return {
    get: async (storeId, orderId, subject) => {
      const row = await queryOne<CreateAttempt>(
        db,
        `SELECT ${COLUMNS} FROM xero_create_attempts WHERE store_id = $1 AND order_id = $2 AND subject = $3`,
        [storeId, orderId, subject],
      );
      return row && { ...row, requestBody: cipher.decrypt(row.requestBody) };
    },

    begin: async (storeId, orderId, subject, attempt) => {
      await db.query(
        `INSERT INTO xero_create_attempts (store_id, order_id, subject, idempotency_key, generation,
           request_body, started_at, last_outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')
         ON CONFLICT (store_id, order_id, subject) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key,
           generation = EXCLUDED.generation, request_body = EXCLUDED.request_body, started_at = EXCLUDED.started_at,
           last_outcome = 'pending', updated_at = now()`,
        [
          storeId,
          orderId,
          subject,
          attempt.idempotencyKey,
          attempt.generation,
          cipher.encrypt(attempt.requestBody),
          attempt.startedAt,
        ],
      );
    },

    setOutcome: async (storeId, orderId, subject, outcome) => {
      const updated = await queryOne(
        db,
        `UPDATE xero_create_attempts SET last_outcome = $4, updated_at = now()
         WHERE store_id = $1 AND order_id = $2 AND subject = $3 RETURNING 1 AS updated`,
        [storeId, orderId, subject, outcome],
      );
      if (!updated)
        throw new Error(`No Xero create attempt was begun for ${subject} of order ${orderId} (${storeId}).`);
    },
  };
}
