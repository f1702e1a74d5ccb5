-- Named API keys with scopes, per tenant, beside the tenant's original integration and admin keys (which keep
-- working). Only the SHA-256 of a key is stored; a key names its own key_id (pdg_sk_{key_id}_{secret}), so checking
-- one is a lookup by id and a constant-time comparison. Revoked and expired keys stay listed (who had access, when).
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_api_keys
(
    tenant       text        NOT NULL,
    key_id       text        NOT NULL,
    name         text        NOT NULL,
    scopes       text[]      NOT NULL,
    key_hash     bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NULL,     -- set by the creator, or by a rotation: the end of the overlap
    revoked_at   timestamptz NULL,
    last_used_at timestamptz NULL,     -- updated at most once a minute per node
    rotated_from text        NULL,     -- the key this one replaced
    CONSTRAINT pdg_api_keys_pk PRIMARY KEY (tenant, key_id)
);
