-- PrivateDomainGrains event journal: every accepted customer event, durable before it is acknowledged.
-- It is the customer's complete interaction history and what a customer grain replays after its last snapshot.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_event_journal
(
    tenant       text        NOT NULL,
    customer_id  text        NOT NULL,
    seq          bigint      NOT NULL,
    event_id     text        NOT NULL,
    type         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    channel      text        NULL,
    staff_id     text        NULL,
    body         text        NULL,
    data         jsonb       NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_event_journal_pk PRIMARY KEY (tenant, customer_id, seq)
);

-- An event id is unique within a tenant: a second post of the same id is a duplicate, whatever customer it names.
CREATE UNIQUE INDEX IF NOT EXISTS pdg_event_journal_event_id ON pdg_event_journal (tenant, event_id);
