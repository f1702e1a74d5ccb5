-- PrivateDomainGrains nudge inbox: every nudge raised for a staff member, kept until the console acknowledges it.
-- Consoles that connect are sent their open (unacknowledged) nudges first, so nothing raised offline is lost.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_nudges
(
    tenant       text        NOT NULL,
    nudge_id     text        NOT NULL,
    staff_id     text        NOT NULL,
    customer_id  text        NOT NULL,
    event_id     text        NULL,
    kind         text        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    reason       text        NOT NULL,
    priority     integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    acked_at     timestamptz NULL,
    CONSTRAINT pdg_nudges_pk PRIMARY KEY (tenant, nudge_id)
);

CREATE INDEX IF NOT EXISTS pdg_nudges_open_by_staff ON pdg_nudges (tenant, staff_id, created_at, nudge_id) WHERE acked_at IS NULL;
CREATE INDEX IF NOT EXISTS pdg_nudges_open_by_customer ON pdg_nudges (tenant, customer_id) WHERE acked_at IS NULL;
