-- The Xero call governor's view of each organisation's quota, shared by every worker and API process.
-- tenant_id '' is the app-wide row (Xero's 10,000 calls a minute across all organisations).
CREATE TABLE xero_call_budgets (
  tenant_id text PRIMARY KEY,
  -- Sends and reservations of the last minute (epoch ms, sorted; reservations may lie in the future).
  recent_calls_ms bigint[] NOT NULL DEFAULT '{}',
  -- The app-wide row: calls per second over the last minute (index = second - app_second_start).
  app_second_start bigint NOT NULL DEFAULT 0,
  app_second_counts integer[] NOT NULL DEFAULT '{}',
  day_start_ms bigint NOT NULL DEFAULT 0,
  day_calls integer NOT NULL DEFAULT 0,
  -- Calls of the merchant's other apps in the current minute, as Xero's remaining-quota headers revealed them.
  others_calls integer NOT NULL DEFAULT 0,
  others_seen_at_ms bigint NOT NULL DEFAULT 0,
  -- Set by a 429: nobody calls this organisation before then.
  blocked_until_ms bigint NOT NULL DEFAULT 0,
  blocked_reason text,
  -- Per-organisation limits set by the operator (NULL: the service's defaults from its configuration).
  calls_per_minute integer CHECK (calls_per_minute > 0),
  calls_per_day integer CHECK (calls_per_day > 0),
  concurrent_calls integer CHECK (concurrent_calls > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Requests in flight per organisation; a lease that outlives its process expires on its own.
CREATE TABLE xero_call_leases (
  lease_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  expires_at_ms bigint NOT NULL
);
CREATE INDEX xero_call_leases_tenant ON xero_call_leases (tenant_id, expires_at_ms);

-- When an order's sync waits for its organisation's Xero capacity: the expected time (NULL when not waiting).
ALTER TABLE sync_ledger ADD COLUMN xero_wait_until timestamptz;
