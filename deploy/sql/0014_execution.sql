-- Execution: was each prompted action done, how fast, and what came of it. Idempotent: safe to apply again.

-- Per nudge: the variant under test ('holdout' when held out), the day it was raised (in the tenant's time zone: the
-- day the reports count it under), and what came within the attribution window after it was raised, acted on or not
-- (for variant and holdout tests; replied_at / ordered_at are the credits to nudges acted on).
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS variant            text    NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS raised_day         date    NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS itt_replied_at     timestamptz NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS itt_ordered_at     timestamptz NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS itt_order_amount   numeric NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS itt_order_currency text    NULL;

-- Rollups per tenant, raised day, staff member, source (rule or sequence/step) and variant ('' when not under test),
-- so that a report never scans the nudge table. act_b0..act_b11 count nudges done (in the console or by the owner's own
-- action) by how long after being raised: under 1, 2, 5, 10, 30 minutes, 1, 2, 4, 8, 24 hours, 3 days, and later.
CREATE TABLE IF NOT EXISTS pdg_execution_daily
(
    tenant         text   NOT NULL,
    day            date   NOT NULL,
    staff_id       text   NOT NULL,
    source         text   NOT NULL,
    variant        text   NOT NULL,
    raised         bigint NOT NULL DEFAULT 0,
    delivered      bigint NOT NULL DEFAULT 0,
    opened         bigint NOT NULL DEFAULT 0,
    done           bigint NOT NULL DEFAULT 0,
    not_useful     bigint NOT NULL DEFAULT 0,
    done_by_action bigint NOT NULL DEFAULT 0,
    expired        bigint NOT NULL DEFAULT 0,
    obsolete       bigint NOT NULL DEFAULT 0,
    holdout        bigint NOT NULL DEFAULT 0,
    replies        bigint NOT NULL DEFAULT 0,
    orders         bigint NOT NULL DEFAULT 0,
    itt_replies    bigint NOT NULL DEFAULT 0,
    itt_orders     bigint NOT NULL DEFAULT 0,
    act_b0 bigint NOT NULL DEFAULT 0, act_b1 bigint NOT NULL DEFAULT 0, act_b2 bigint NOT NULL DEFAULT 0,
    act_b3 bigint NOT NULL DEFAULT 0, act_b4 bigint NOT NULL DEFAULT 0, act_b5 bigint NOT NULL DEFAULT 0,
    act_b6 bigint NOT NULL DEFAULT 0, act_b7 bigint NOT NULL DEFAULT 0, act_b8 bigint NOT NULL DEFAULT 0,
    act_b9 bigint NOT NULL DEFAULT 0, act_b10 bigint NOT NULL DEFAULT 0, act_b11 bigint NOT NULL DEFAULT 0,
    CONSTRAINT pdg_execution_daily_pk PRIMARY KEY (tenant, day, staff_id, source, variant)
);

-- Revenue per currency, never added across currencies: attributed (credited to nudges acted on) and within the window
-- after raising (for tests).
CREATE TABLE IF NOT EXISTS pdg_execution_revenue
(
    tenant      text    NOT NULL,
    day         date    NOT NULL,
    staff_id    text    NOT NULL,
    source      text    NOT NULL,
    variant     text    NOT NULL,
    currency    text    NOT NULL,
    attributed  numeric NOT NULL DEFAULT 0,
    itt         numeric NOT NULL DEFAULT 0,
    CONSTRAINT pdg_execution_revenue_pk PRIMARY KEY (tenant, day, staff_id, source, variant, currency)
);

-- Lifecycle facts land here first, appended in the same transaction as the fact (no row is updated twice by concurrent
-- flushes, so they never wait on each other), and are folded into the rollups above every second by one node at a
-- time. A report adds what is not folded yet, so it is exact at any moment.
CREATE TABLE IF NOT EXISTS pdg_execution_deltas
(
    id         bigint  GENERATED ALWAYS AS IDENTITY,
    tenant     text    NOT NULL,
    day        date    NOT NULL,
    staff_id   text    NOT NULL,
    source     text    NOT NULL,
    variant    text    NOT NULL,
    metric     text    NOT NULL, -- a counter column of pdg_execution_daily, or 'revenue' / 'itt_revenue'
    amount     numeric NOT NULL DEFAULT 1,
    currency   text    NULL,
    CONSTRAINT pdg_execution_deltas_pk PRIMARY KEY (id)
);
