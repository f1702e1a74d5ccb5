-- The customer directory: one row per customer with what lists, filters and searches need (owner, display name,
-- remark, tags, tier, status, last interaction, open nudges), so a staff member's customers can be listed and
-- searched among millions without activating them. Written by the customer's own commits, in the same transaction as
-- the change it reflects; the profile stays the truth, this is its index. search_grams holds every two-character
-- piece of the folded name and remark (and of the id), so a fragment as short as a two-character Chinese name is an
-- index lookup (GIN containment), not a scan. Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_customer_directory
(
    tenant              text        NOT NULL,
    customer_id         text        NOT NULL,
    owner               text        NULL,
    display_name        text        NULL,
    remark              text        NULL,
    tags                text[]      NOT NULL DEFAULT '{}',
    tier                text        NOT NULL,
    status              text        NOT NULL,
    last_interaction_at timestamptz NULL,
    open_nudges         integer     NOT NULL DEFAULT 0,
    search_grams        text[]      NOT NULL DEFAULT '{}',
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_customer_directory_pk PRIMARY KEY (tenant, customer_id)
) WITH (fillfactor = 90);

-- A staff member's customers, most recently active first (keyset pages on last_interaction_at, customer_id).
CREATE INDEX IF NOT EXISTS pdg_customer_directory_owner
    ON pdg_customer_directory (tenant, owner, last_interaction_at DESC NULLS LAST, customer_id);
CREATE INDEX IF NOT EXISTS pdg_customer_directory_search ON pdg_customer_directory USING gin (search_grams);
CREATE INDEX IF NOT EXISTS pdg_customer_directory_tags ON pdg_customer_directory USING gin (tags);
