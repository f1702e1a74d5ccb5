-- PrivateDomainGrains customer snapshots: each customer's profile as of some journal sequence.
-- Written by group commit (often in the same transaction as the nudges and due-time changes a decision made) and read
-- in batches when grains activate: per-grain storage calls cap near 2,000/s, batches reach tens of thousands.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_customer_snapshots
(
    tenant       text        NOT NULL,
    customer_id  text        NOT NULL,
    revision     bigint      NOT NULL,
    seq          bigint      NOT NULL,
    body         bytea       NOT NULL,
    saved_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_customer_snapshots_pk PRIMARY KEY (tenant, customer_id)
);
