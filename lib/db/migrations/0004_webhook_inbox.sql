-- The webhook inbox: every verified WooCommerce order delivery is recorded here before it is acknowledged, and a
-- relay hands it to the order's Temporal workflow (signalWithStart). A row is pending until handed_over_at is set;
-- next_attempt_at is both the retry schedule and the claim (a relay claiming a row moves it past a lease), so
-- several API processes never hand the same row over at once. No personal data: ids, topic and order number only.

CREATE TABLE webhook_inbox (
  id bigserial PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  order_id bigint NOT NULL CHECK (order_id > 0),
  -- X-WC-Webhook-Delivery-ID; NULL when WooCommerce sent none (each such delivery is its own row).
  delivery_id text,
  topic text NOT NULL,
  order_number text,
  -- How many times this delivery was received; a repeat after hand-over reopens the row.
  deliveries integer NOT NULL DEFAULT 1,
  received_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  handed_over_at timestamptz,
  UNIQUE (store_id, order_id, delivery_id)
);

CREATE INDEX webhook_inbox_due ON webhook_inbox (next_attempt_at) WHERE handed_over_at IS NULL;
CREATE INDEX webhook_inbox_handed_over ON webhook_inbox (handed_over_at) WHERE handed_over_at IS NOT NULL;
