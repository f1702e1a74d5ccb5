-- Segment counts at a million customers per tenant (issue 17). Customers with open nudges get a partial index of their
-- own: "open nudges ≥ 1" is then an index-only count of those customers (125,000 of 1,000,000 in 33 ms) instead of a
-- scan of the tenant's every row (390 ms). Only rows with open nudges have an entry, so a directory update of a customer
-- with none costs nothing more; one with some adds one B-tree entry (the directory's updates change
-- last_interaction_at, which is indexed, so they are not HOT and already write an entry in every index).
-- The directory's autovacuum runs at 2% of its rows changed or inserted rather than 20%: counts read the indexes only
-- where the visibility map marks a page all-visible, and every update clears its page's bit, so with PostgreSQL's
-- defaults a million-customer directory would wait for 200,000 changes before its counts go back to index-only.
-- Idempotent: safe to apply any number of times.
CREATE INDEX IF NOT EXISTS pdg_customer_directory_open_nudges
    ON pdg_customer_directory (tenant, open_nudges) WHERE open_nudges > 0;

ALTER TABLE pdg_customer_directory SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02);
