-- The name a new Xero contact will take, claimed by one customer per organisation before the invoice that
-- creates it (by Name) is sent: Xero attaches an invoice naming an existing active contact to that contact, so two
-- customers must never send the same new name. Both columns are SHA-256 digests (the name ignoring case and
-- surrounding spaces, the customer's email), so no personal data is stored here. A claim is never released: a
-- name claimed by one customer is never sent by another.
CREATE TABLE xero_contact_name_claims (
  tenant_id text NOT NULL,
  name_key text NOT NULL,
  claimant text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name_key)
);
