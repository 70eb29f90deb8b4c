-- Xero connect flows: each one is started by a store's token, bound to the merchant's browser when its start URL is
-- opened (browser_hash: SHA-256 of an HttpOnly cookie), and consumed once by the OAuth callback. A flow that would
-- replace a connection to another organisation holds the new tokens (encrypted) until the merchant confirms.

CREATE TABLE xero_connect_flows (
  nonce text PRIMARY KEY CHECK (length(nonce) >= 22),
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  browser_hash text CHECK (browser_hash ~ '^[0-9a-f]{64}$'),
  consumed_at timestamptz,
  pending_encrypted text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX xero_connect_flows_expires_at ON xero_connect_flows (expires_at);
