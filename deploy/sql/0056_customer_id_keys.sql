-- Keys of customer ids minted for identities (issue 14): a customer an event creates for a strong identity nobody holds
-- gets the id c_{HMAC-SHA256(key, kind NUL value), 128 bits, base32}. One random key per tenant, made on that tenant's
-- first such customer and never changed (ids never change): every node and every restart mints the same id for the
-- same identity, and nobody without the key can tell which phone number an id was made from by trying them all.
-- The key is never served by any API. Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_customer_id_keys
(
    tenant      text        NOT NULL,
    key         bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_customer_id_keys_pk PRIMARY KEY (tenant)
);
