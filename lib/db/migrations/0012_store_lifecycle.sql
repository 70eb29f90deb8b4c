-- Store lifecycle (docs/store-lifecycle.md): stores activated by the WordPress plugin wait for their WooCommerce
-- keys; the facts activation read from the store; the admin who consented (personal data, encrypted, erased on
-- uninstall); every lifecycle event in the order it arrived, with what it did; and the windows a store was paused.

ALTER TABLE stores DROP CONSTRAINT stores_status_check;
ALTER TABLE stores ADD CONSTRAINT stores_status_check
  CHECK (status IN ('awaiting-credentials', 'active', 'deactivated', 'uninstalled'));
-- Currency, decimals and tax settings as activation read them (no personal data).
ALTER TABLE stores ADD COLUMN facts jsonb;

-- Keys arrive after activation (from the plugin or WooCommerce's authorization endpoint); erased on uninstall.
ALTER TABLE store_credentials ALTER COLUMN consumer_key_encrypted DROP NOT NULL;
ALTER TABLE store_credentials ALTER COLUMN consumer_secret_encrypted DROP NOT NULL;

-- What the plugin's privacy notice says it sends, kept encrypted; the row is deleted on uninstall.
CREATE TABLE store_admins (
  store_id text PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
  admin_email_encrypted text NOT NULL,
  username_encrypted text NOT NULL,
  wp_user_id bigint NOT NULL CHECK (wp_user_id > 0),
  consented_at timestamptz NOT NULL
);

-- When the connection's current refresh token was issued (Xero's expire after 60 days unused), and its SHA-256
-- digest to tell a rotated token from a rewrite of the same one.
ALTER TABLE xero_connections ADD COLUMN refresh_token_digest text;
ALTER TABLE xero_connections ADD COLUMN refresh_token_at timestamptz NOT NULL DEFAULT now();

-- One row per event; the store's lifecycle workflow applies pending ones in id order, one at a time.
CREATE TABLE store_lifecycle_events (
  id bigserial PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  kind text NOT NULL
    CHECK (kind IN ('credentials', 'deactivated', 'reactivated', 'uninstalled', 'sync-resumable')),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'failed')),
  outcome text,
  -- Keys sent with a credentials event, encrypted; they replace the store's only once verified, then are cleared.
  keys_encrypted text,
  received_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz
);
CREATE INDEX store_lifecycle_events_pending ON store_lifecycle_events (store_id, id) WHERE state = 'pending';

-- When a store was paused (deactivated) and resumed; at most one open window per store.
CREATE TABLE store_pauses (
  id bigserial PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('deactivated')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE UNIQUE INDEX store_pauses_open ON store_pauses (store_id) WHERE ended_at IS NULL;
