-- PrivateDomainGrains identities (issue 14): how channels name a customer, and the events that named nobody yet.
--
-- pdg_identities: each strong identity (unionid, external_userid, openid:{appId}, phone in E.164, order, email) names
-- one customer per tenant. Rows are written through group commit in the same transaction as the journaled event that
-- carried the identity (or by the identities API and import), never moved: adding an identity another customer holds
-- is a conflict the caller is told about. The (tenant, customer_id) index serves "this customer's identities".
--
-- pdg_identity_pending: the pending pool. An event that named its customer only by identities no customer holds yet,
-- or only by a nickname, waits here, durably, until an identity it carries appears on a customer (attached
-- automatically), a person picks the customer (attached) or dismisses it. identity_keys holds its strong identities as
-- 'kind=value' for the GIN index that finds the events an identity just added unlocks.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_identities
(
    tenant       text        NOT NULL,
    kind         text        NOT NULL,
    value        text        NOT NULL,
    customer_id  text        NOT NULL,
    source       text        NOT NULL,
    added_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_identities_pk PRIMARY KEY (tenant, kind, value)
);

CREATE INDEX IF NOT EXISTS pdg_identities_customer ON pdg_identities (tenant, customer_id);

CREATE TABLE IF NOT EXISTS pdg_identity_pending
(
    tenant         text        NOT NULL,
    event_id       text        NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    type           text        NOT NULL,
    at             timestamptz NOT NULL,
    channel        text        NULL,
    staff_id       text        NULL,
    body           text        NULL,
    data           jsonb       NULL,
    backfill       boolean     NOT NULL,
    identity_keys  text[]      NOT NULL,
    nickname       text        NULL,
    reason         text        NOT NULL,
    state          text        NOT NULL DEFAULT 'pending',
    customer_id    text        NULL,
    settled_at     timestamptz NULL,
    settled_by     text        NULL,
    CONSTRAINT pdg_identity_pending_pk PRIMARY KEY (tenant, event_id)
);

CREATE INDEX IF NOT EXISTS pdg_identity_pending_keys ON pdg_identity_pending USING gin (identity_keys) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS pdg_identity_pending_list ON pdg_identity_pending (tenant, state, received_at, event_id);
