-- The console's customer search (Persistence/CustomerDirectory.cs) finds a customer by the last 4-11 digits of any
-- phone number among its identities (pdg_identities, E.164), as it does by the playbook's `phone` field: the suffix is
-- a prefix of the reversed number, read from this index (about one number in 10,000 shares a 4-digit ending).
-- Idempotent: safe to apply any number of times.
CREATE INDEX IF NOT EXISTS pdg_identities_phone_suffix ON pdg_identities (tenant, reverse(value) text_pattern_ops) WHERE kind = 'phone';
