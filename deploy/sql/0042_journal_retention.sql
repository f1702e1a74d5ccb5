-- PrivateDomainGrains journal retention per tenant (issue 16): how many days of events the journal keeps (NULL: all),
-- the pass that drops older ones (its cutoff, the customer it reached, what it dropped), and per customer what was
-- dropped, which the personal-data export reports. Only events a snapshot has folded in are dropped, so a customer
-- loads with the same profile. Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_journal_retention
(
    tenant          text        NOT NULL,
    days            integer     NULL CHECK (days IS NULL OR days >= 1),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- The current pass (finished_at NULL) or the last one: events before cutoff are dropped, customer by customer in id order.
    pass_started_at timestamptz NULL,
    pass_cutoff     timestamptz NULL,
    pass_cursor     text        NULL,     -- the last customer id done; each page commits its drop and this together
    pass_customers  bigint      NOT NULL DEFAULT 0,
    pass_dropped    bigint      NOT NULL DEFAULT 0,
    pass_finished_at timestamptz NULL,
    dropped_total   bigint      NOT NULL DEFAULT 0,
    CONSTRAINT pdg_journal_retention_pk PRIMARY KEY (tenant)
);

CREATE TABLE IF NOT EXISTS pdg_journal_dropped
(
    tenant       text        NOT NULL,
    customer_id  text        NOT NULL,
    events       bigint      NOT NULL,
    oldest_at    timestamptz NOT NULL,  -- the oldest and newest 'at' of the events dropped
    newest_at    timestamptz NOT NULL,
    dropped_at   timestamptz NOT NULL,  -- when events were last dropped
    CONSTRAINT pdg_journal_dropped_pk PRIMARY KEY (tenant, customer_id)
);
