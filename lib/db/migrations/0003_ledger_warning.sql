-- A booked order can still carry a problem worth a person's attention (e.g. the WooCommerce order note could not
-- be written); it never changes the order's state.
ALTER TABLE sync_ledger ADD COLUMN warning text;
