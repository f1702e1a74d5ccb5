-- PrivateDomainGrains customer merges (issue 14): two customers found to be one person, merged by hand (never
-- automatically), and undone while neither side has changed since.
--
-- A row is written in the same transaction as the merge itself: the absorbed customer's journal (re-sequenced after
-- the survivor's), nudges, timeline changes and identities move to the survivor, its due-time, owner and directory rows
-- go, and the survivor's merged profile is snapshotted. While undone_at is NULL the row is the absorbed id's alias:
-- activating the absorbed customer reads it and redirects every call to the survivor (at most one live merge per
-- absorbed id: the unique index). The row keeps what an undo restores exactly: the survivor's profile before and after
-- (after: to tell whether the survivor changed since), its journal length and due time before, the absorbed side's
-- journal length, due time and snapshot revision (its snapshot row stays as it was), and what moved.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_customer_merges
(
    tenant              text        NOT NULL,
    merge_id            text        NOT NULL,
    survivor_id         text        NOT NULL,
    absorbed_id         text        NOT NULL,
    merged_at           timestamptz NOT NULL DEFAULT now(),
    merged_by           text        NOT NULL,
    survivor_before     bytea       NOT NULL,
    survivor_after      bytea       NOT NULL,
    survivor_seq        bigint      NOT NULL, -- the survivor's journal length before: absorbed events follow from survivor_seq + 1
    survivor_due_at     timestamptz NULL,
    absorbed_seq        bigint      NOT NULL, -- the absorbed journal length: its events are survivor_seq + 1 .. survivor_seq + absorbed_seq
    absorbed_revision   bigint      NOT NULL,
    absorbed_due_at     timestamptz NULL,
    moved_identities    jsonb       NOT NULL, -- [{"kind":..,"value":..}]
    moved_nudges        jsonb       NOT NULL, -- [{"id":..,"staff":..}]: the staff member each was addressed to before
    moved_changes       bigint[]    NOT NULL,
    undone_at           timestamptz NULL,
    undone_by           text        NULL,
    CONSTRAINT pdg_customer_merges_pk PRIMARY KEY (tenant, merge_id)
);

CREATE UNIQUE INDEX IF NOT EXISTS pdg_customer_merges_alias ON pdg_customer_merges (tenant, absorbed_id) WHERE undone_at IS NULL;
CREATE INDEX IF NOT EXISTS pdg_customer_merges_survivor ON pdg_customer_merges (tenant, survivor_id, merged_at);
