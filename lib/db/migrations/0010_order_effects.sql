-- The rest of an order's life (docs/order-lifecycle.md): every payment, credit note, allocation, cash refund, void
-- and deletion the sync applies in Xero for an order, each under a deterministic effect id, and the order's state
-- in its life (paid, part-refunded, refunded, voided, deleted).

-- An exactly-once create is keyed by its subject: the order's document (`invoice`, `quote`) or one of its effects
-- (e.g. `payment:stripe:ch_3N`, `credit-note:refund:77`).
ALTER TABLE xero_create_attempts DROP CONSTRAINT xero_create_attempts_document_kind_check;
ALTER TABLE xero_create_attempts RENAME COLUMN document_kind TO subject;
ALTER TABLE xero_create_attempts ADD CONSTRAINT xero_create_attempts_subject_check
  CHECK (subject IN ('invoice', 'quote') OR subject ~ '^(payment|credit-note|allocation|cash-refund):.{1,200}$');

ALTER TABLE sync_ledger DROP CONSTRAINT sync_ledger_state_check;
ALTER TABLE sync_ledger ADD CONSTRAINT sync_ledger_state_check
  CHECK (state IN ('pending', 'synced', 'failed', 'skipped', 'voided', 'paid', 'part-refunded', 'refunded', 'deleted'));
-- What the order's last pass found it could not bring Xero in step with (e.g. an edit of a paid invoice).
ALTER TABLE sync_ledger ADD COLUMN difference text;

CREATE TABLE sync_ledger_effects (
  store_id text NOT NULL,
  order_id bigint NOT NULL,
  effect_id text NOT NULL CHECK (length(effect_id) BETWEEN 1 AND 250),
  kind text NOT NULL CHECK (kind IN ('payment', 'credit-note', 'allocation', 'cash-refund', 'void', 'delete')),
  xero_id text,
  xero_number text,
  amount numeric,
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, order_id, effect_id),
  FOREIGN KEY (store_id, order_id) REFERENCES sync_ledger (store_id, order_id) ON DELETE CASCADE
);
