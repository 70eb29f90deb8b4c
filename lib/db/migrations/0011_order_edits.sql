-- Edits, restores, quotes that become invoices and refunds deleted in WooCommerce (docs/order-lifecycle.md): the digest of what the order billed
-- when its document was last sent, so a later look tells an edit apart; effects that update the document in place,
-- reissue it after a void, or invoice a quote; a reissue's create is recorded under its own effect id.
ALTER TABLE sync_ledger ADD COLUMN order_digest text CHECK (order_digest ~ '^[0-9a-f]{32}$');

ALTER TABLE sync_ledger_effects DROP CONSTRAINT sync_ledger_effects_kind_check;
ALTER TABLE sync_ledger_effects ADD CONSTRAINT sync_ledger_effects_kind_check
  CHECK (kind IN ('payment', 'credit-note', 'allocation', 'cash-refund', 'void', 'delete', 'update', 'reissue',
                  'quote-to-invoice', 'unallocate', 'undo-cash-refund', 'void-credit-note'));

-- The document a reissue or a quote's invoice took the place of, so the ledger lists every document of the order.
ALTER TABLE sync_ledger_effects ADD COLUMN replaced_kind text CHECK (replaced_kind IN ('invoice', 'quote'));
ALTER TABLE sync_ledger_effects ADD COLUMN replaced_xero_id text;
ALTER TABLE sync_ledger_effects ADD COLUMN replaced_number text;
ALTER TABLE sync_ledger_effects ADD COLUMN replaced_total numeric;

ALTER TABLE xero_create_attempts DROP CONSTRAINT xero_create_attempts_subject_check;
ALTER TABLE xero_create_attempts ADD CONSTRAINT xero_create_attempts_subject_check
  CHECK (subject IN ('invoice', 'quote') OR subject ~ '^(payment|credit-note|allocation|cash-refund|reissue):.{1,200}$');
