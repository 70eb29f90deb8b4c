import type { EffectId, EffectKind } from '../../lifecycle/effect-id';
import type { ReplacedDocument } from '../../lifecycle/order-changes';
import type { Db } from '../db';

/** One effect the sync applied in Xero for an order (a payment, credit note, allocation, cash refund, void…). */
export interface LedgerEffect {
  storeId: string;
  orderId: number;
  effectId: EffectId;
  kind: EffectKind;
  /** The Xero record it made (PaymentID, CreditNoteID, …); null for a status change. */
  xeroId: string | null;
  xeroNumber: string | null;
  /** Exact decimal as text, when the effect moved money. */
  amount: string | null;
  currency: string | null;
  /** The document a reissue or a quote's invoice took the place of; null for other effects. */
  replaced: ReplacedDocument | null;
  appliedAt: Date;
}

/** What recording an effect takes; appliedAt is stamped by the database. */
export type NewLedgerEffect = Omit<LedgerEffect, 'appliedAt' | 'replaced'> & { replaced?: ReplacedDocument | null };

interface LedgerEffectRow extends Omit<LedgerEffect, 'replaced'> {
  replacedKind: ReplacedDocument['kind'] | null;
  replacedXeroId: string | null;
  replacedNumber: string | null;
  replacedTotal: string | null;
}

/** The effects of each order, beside its ledger entry. */
export interface LedgerEffectsRepository {
  /** The order's effects, in the order they were applied. */
  list(storeId: string, orderId: number): Promise<LedgerEffect[]>;
  /** Records an applied effect; recording the same effect id again keeps the first record. */
  record(effect: NewLedgerEffect): Promise<void>;
}

const COLUMNS = `store_id AS "storeId", order_id AS "orderId", effect_id AS "effectId", kind, xero_id AS "xeroId",
  xero_number AS "xeroNumber", amount::text AS amount, currency, replaced_kind AS "replacedKind",
  replaced_xero_id AS "replacedXeroId", replaced_number AS "replacedNumber",
  replaced_total::text AS "replacedTotal", applied_at AS "appliedAt"`;

/** An effect as stored, with its replaced document as one value. */
function effectOf(row: LedgerEffectRow): LedgerEffect {
  const { replacedKind, replacedXeroId, replacedNumber, replacedTotal, ...effect } = row;
  const replaced =
    replacedKind && replacedXeroId
      ? { kind: replacedKind, xeroId: replacedXeroId, number: replacedNumber ?? '', total: replacedTotal ?? '0' }
      : null;
  return { ...effect, replaced };
}

/** Creates the ledger effects repository. */
export function createLedgerEffectsRepository(db: Db): LedgerEffectsRepository {
  return {
    list: async (storeId, orderId) =>
      (
        await db.query<LedgerEffectRow>(
          `SELECT ${COLUMNS} FROM sync_ledger_effects WHERE store_id = $1 AND order_id = $2
            ORDER BY applied_at, effect_id`,
          [storeId, orderId],
        )
      ).map(effectOf),
    record: async (effect) => {
      if (effect.amount !== null && (typeof effect.amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(effect.amount))) {
        throw new TypeError('amount must be a decimal string such as "123.45"');
      }
      await db.query(
        `INSERT INTO sync_ledger_effects (store_id, order_id, effect_id, kind, xero_id, xero_number, amount, currency,
           replaced_kind, replaced_xero_id, replaced_number, replaced_total)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (store_id, order_id, effect_id) DO NOTHING`,
        [
          effect.storeId,
          effect.orderId,
          effect.effectId,
          effect.kind,
          effect.xeroId,
          effect.xeroNumber,
          effect.amount,
          effect.currency,
          effect.replaced?.kind ?? null,
          effect.replaced?.xeroId ?? null,
          effect.replaced?.number ?? null,
          effect.replaced?.total ?? null,
        ],
      );
    },
  };
}
