-- PrivateDomainGrains due-time index: when each customer next needs waking (timers, SOP steps, held nudges,
-- birthdays). One row per customer with something pending, not one Orleans reminder per customer: a few scheduler
-- shard grains claim due rows of their buckets and wake those customers.
-- bucket is a stable hash of (tenant, customer_id) into a fixed range; shard i of N owns buckets b with b % N = i,
-- so the number of shards can change without rewriting rows. leased_until is set by a claim and cleared by the
-- customer's next write: a claimed row whose wake failed becomes claimable again once its lease expires.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_due
(
    tenant        text        NOT NULL,
    customer_id   text        NOT NULL,
    bucket        smallint    NOT NULL,
    due_at        timestamptz NOT NULL,
    leased_until  timestamptz NULL,
    CONSTRAINT pdg_due_pk PRIMARY KEY (tenant, customer_id)
) WITH (fillfactor = 80); -- room on each page so a claim's lease update stays a HOT update

CREATE INDEX IF NOT EXISTS pdg_due_claim ON pdg_due (bucket, due_at);
