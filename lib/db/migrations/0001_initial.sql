-- Initial schema: stores, their encrypted credentials, Xero connections, versioned settings, the sync ledger and the
-- bookkeeping of the exactly-once Xero create protocol. Columns ending in _encrypted hold SecretCipher tokens.

CREATE TABLE stores (
  id text PRIMARY KEY CHECK (id ~ '^st_[a-z2-7]{16}$'),
  url text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated', 'uninstalled')),
  api_token_hash text NOT NULL UNIQUE CHECK (api_token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE store_credentials (
  store_id text PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
  consumer_key_encrypted text NOT NULL,
  consumer_secret_encrypted text NOT NULL,
  webhook_secret_encrypted text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE xero_connections (
  store_id text PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  tenant_name text NOT NULL,
  connection_id text NOT NULL,
  access_token_encrypted text NOT NULL,
  refresh_token_encrypted text NOT NULL,
  access_token_expires_at timestamptz NOT NULL,
  scopes text NOT NULL,
  status text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'disconnected')),
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE store_settings (
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, version)
);

CREATE TABLE sync_ledger (
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  order_id bigint NOT NULL CHECK (order_id > 0),
  order_number text,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'synced', 'failed', 'skipped', 'voided')),
  document_kind text CHECK (document_kind IN ('invoice', 'quote')),
  xero_document_id text,
  xero_document_number text,
  order_total numeric,
  xero_total numeric,
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  settings_version integer,
  last_error text,
  workflow_id text,
  run_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, order_id),
  FOREIGN KEY (store_id, settings_version) REFERENCES store_settings (store_id, version)
);

-- Listing a store's orders by state (what failed, what is pending) for support and reconciliation.
CREATE INDEX sync_ledger_store_state_idx ON sync_ledger (store_id, state, updated_at);

CREATE TABLE xero_create_attempts (
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  order_id bigint NOT NULL CHECK (order_id > 0),
  document_kind text NOT NULL CHECK (document_kind IN ('invoice', 'quote')),
  idempotency_key text NOT NULL,
  generation integer NOT NULL CHECK (generation >= 0),
  request_body text NOT NULL,
  started_at timestamptz NOT NULL,
  last_outcome text NOT NULL DEFAULT 'pending'
    CHECK (last_outcome IN ('pending', 'uncertain', 'server-error', 'succeeded', 'rejected')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, order_id, document_kind)
);
