-- Retention of customers reached (issue 12; Persistence/ExecutionReach.cs, Host/Retention/ReachRetentionService.cs).
-- pdg_execution_reach keeps a row per customer acted on per staff member, source, variant and raised day, and
-- pdg_execution_reached up to 367 rows per group and day: unlike the rollups (a row per day, staff member, source and
-- variant, kept for ever), they grow with the nudges acted on. A pass drops the days before a cutoff
-- (Retention:CustomersReached:Days, 400 by default) and records it here first: a report whose period starts before it
-- answers customersReached null rather than a count missing the dropped days. Periods from the cutoff on stay exact
-- (a dropped reach is always before any such period's start, which is all a kept row's `since` is compared with).
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_execution_reach_retention
(
    id        boolean     NOT NULL DEFAULT true CHECK (id), -- one row
    kept_from date        NOT NULL,                         -- customers reached are kept for the raised days from this one
    pruned_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_execution_reach_retention_pk PRIMARY KEY (id)
);

-- The pass finds the dropped days' reaches by day. Reaches arrive about in day order, so new entries go to the index's
-- last pages. Building it holds back the fold (off the events' path: reports add what is not folded yet), not ingestion.
CREATE INDEX IF NOT EXISTS pdg_execution_reach_by_day ON pdg_execution_reach (day);
