-- Subscriptions (docs/subscriptions.md): each store's plan and status, the billing provider's events applied once
-- each (the event id is the idempotency key), and the orders each store synced, counted once per order. Ids,
-- plan names and dates only: no personal data, no payment details.

CREATE TABLE subscriptions (
  store_id text PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
  -- A plan of lib/subscriptions/plans.ts; checked there, so the catalogue can grow without a migration.
  plan_id text NOT NULL CHECK (plan_id ~ '^[a-z][a-z0-9-]{0,39}$'),
  status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled')),
  trial_ends_at timestamptz CHECK (status <> 'trialing' OR trial_ends_at IS NOT NULL),
  -- Billing periods run a calendar month each from this moment.
  period_anchor timestamptz NOT NULL,
  past_due_since timestamptz CHECK (status <> 'past_due' OR past_due_since IS NOT NULL),
  cancelled_at timestamptz CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL),
  -- occurredAt of the last billing event applied; an older event is stale and changes nothing.
  last_event_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every billing event processed: a repeat of an event id answers as the first delivery did and changes nothing.
CREATE TABLE billing_events (
  event_id text PRIMARY KEY CHECK (event_id ~ '^[A-Za-z0-9_.:-]{1,200}$'),
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- SHA-256 of the validated event, so an id reused for a different event is refused rather than taken as a repeat.
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  outcome text NOT NULL CHECK (outcome IN ('applied', 'stale')),
  processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_events_store ON billing_events (store_id, occurred_at);

-- An order counts once, in the billing period in which it was first synced: re-syncs, retries and later changes
-- to the same order (payments, refunds, edits) never count it again, even in a later period.
CREATE TABLE subscription_usage (
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  order_id bigint NOT NULL CHECK (order_id > 0),
  -- The start of the billing period it was counted in (under the anchor of the time).
  period_start timestamptz NOT NULL,
  counted_at timestamptz NOT NULL CHECK (counted_at >= period_start),
  -- Stronger than one row per store, period and order: an order is never counted in two periods.
  PRIMARY KEY (store_id, order_id)
);
CREATE INDEX subscription_usage_counted ON subscription_usage (store_id, counted_at);

-- Stores registered before subscriptions existed get the trial from the day this migration runs, so that deploying
-- it pauses no store; an uninstalled store gets nothing.
INSERT INTO subscriptions (store_id, plan_id, status, trial_ends_at, period_anchor)
SELECT id, 'trial', 'trialing', now() + interval '14 days', now() FROM stores WHERE status <> 'uninstalled';
