-- PrivateDomainGrains erased identities (issue 16): an erasure's tombstone covers the identities the customer held, so a
-- later event naming one of them (a phone, a unionid) is refused instead of making the person a customer again.
-- Kept as SHA-256 of 'kind=value' (the normalised identity), not the value itself. Idempotent: safe to apply again.
CREATE TABLE IF NOT EXISTS pdg_identity_erasures
(
    tenant         text        NOT NULL,
    identity_hash  bytea       NOT NULL,
    erased_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_identity_erasures_pk PRIMARY KEY (tenant, identity_hash)
);
