-- What the sync already knows about a Xero organisation, so a repeat customer or a known item costs no call.
-- Every remembered fact is checked by Xero when a document uses it; a refusal forgets it.

-- A customer's contact, per store and organisation. customer_key is a SHA-256 digest of how the customer is
-- matched (email, names), so no personal data is stored here.
CREATE TABLE xero_contact_memory (
  store_id text NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  customer_key text NOT NULL,
  contact_id text NOT NULL,
  remembered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, tenant_id, customer_key)
);
CREATE INDEX xero_contact_memory_contact ON xero_contact_memory (store_id, contact_id);

-- Item codes known to exist in an organisation (upper-cased: Xero compares codes ignoring case).
CREATE TABLE xero_known_items (
  tenant_id text NOT NULL,
  code_key text NOT NULL,
  remembered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code_key)
);
