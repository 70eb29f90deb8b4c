-- A create sent inside a batch of documents (docs/xero-batching.md) whose answer was lost or uncertain: the batch
-- went under its own Idempotency-Key, so the document's next attempt looks itself up by number instead of replaying.
ALTER TABLE xero_create_attempts DROP CONSTRAINT xero_create_attempts_last_outcome_check;
ALTER TABLE xero_create_attempts ADD CONSTRAINT xero_create_attempts_last_outcome_check
  CHECK (last_outcome IN ('pending', 'uncertain', 'server-error', 'batch-uncertain', 'succeeded', 'rejected'));
