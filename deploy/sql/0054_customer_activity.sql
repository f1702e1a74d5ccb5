-- A customer's activity (last interaction, open nudges) moves out of the directory into a narrow table of its own
-- (issue 10). Both change with nearly every event, and both were indexed in the directory (the owner's list order, the
-- segments' last-interaction range, the partial index of customers with open nudges), so every such update wrote a new
-- entry in each of the directory's ten indexes, three of them GIN (one per name fragment, tag and field): 535 updates
-- per 1,000 events, 15 of them HOT. Here an event's write is one narrow row and four B-tree entries; the directory row
-- changes only when what lists filter and search on changes (owner, name, tags, tier, fields...).
-- The owner is kept here too (written with the directory row, from the same value, in the same statement): a staff
-- member's list is read in order of last interaction from the (tenant, owner, last_interaction_at) index, which must be
-- in one table. Rows go with their directory row (ON DELETE CASCADE: merges and erasures delete the directory row).
-- Readers join the two on the primary key: Persistence/CustomerDirectory.cs (lists), Persistence/Segments (segments),
-- Persistence/PendingCandidates.cs. Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_customer_activity
(
    tenant              text        NOT NULL,
    customer_id         text        NOT NULL,
    owner               text        NULL,
    last_interaction_at timestamptz NULL,
    open_nudges         integer     NOT NULL DEFAULT 0,
    CONSTRAINT pdg_customer_activity_pk PRIMARY KEY (tenant, customer_id),
    CONSTRAINT pdg_customer_activity_directory FOREIGN KEY (tenant, customer_id)
        REFERENCES pdg_customer_directory (tenant, customer_id) ON DELETE CASCADE
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'pdg_customer_directory' AND column_name = 'last_interaction_at') THEN
        INSERT INTO pdg_customer_activity (tenant, customer_id, owner, last_interaction_at, open_nudges)
        SELECT tenant, customer_id, owner, last_interaction_at, open_nudges FROM pdg_customer_directory
        ON CONFLICT (tenant, customer_id) DO NOTHING;
        -- Dropping the columns drops the indexes on them: pdg_customer_directory_owner, _last_interaction, _open_nudges.
        ALTER TABLE pdg_customer_directory DROP COLUMN last_interaction_at, DROP COLUMN open_nudges;
    END IF;
END $$;

-- A staff member's customers, most recently active first (keyset pages on last_interaction_at, customer_id); the
-- unowned queue is owner IS NULL in the same index.
CREATE INDEX IF NOT EXISTS pdg_customer_activity_owner
    ON pdg_customer_activity (tenant, owner, last_interaction_at DESC NULLS LAST, customer_id);
-- A tenant's customers in the same order (an admin's list), and the segments' last-interaction ranges.
CREATE INDEX IF NOT EXISTS pdg_customer_activity_recent
    ON pdg_customer_activity (tenant, last_interaction_at DESC NULLS LAST, customer_id);
-- "Open nudges ≥ 1" counts only the customers with some (see 0045).
CREATE INDEX IF NOT EXISTS pdg_customer_activity_open_nudges
    ON pdg_customer_activity (tenant, open_nudges) WHERE open_nudges > 0;
-- Segments and tag jobs still filter on the owner in the directory.
CREATE INDEX IF NOT EXISTS pdg_customer_directory_owner_id ON pdg_customer_directory (tenant, owner, customer_id);

-- As the directory's (0045): counts read the indexes alone only where the visibility map marks the page all-visible.
ALTER TABLE pdg_customer_activity SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02);
