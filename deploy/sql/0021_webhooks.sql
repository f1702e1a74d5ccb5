-- Outgoing webhooks: per-tenant subscriptions and the outbox of notifications to deliver, which is also each
-- subscription's delivery log. Idempotent: safe to apply any number of times.

-- A tenant's subscriptions. The signing secret is stored protected with the cluster's Data Protection key ring (the
-- dispatcher needs it in clear to sign, so it cannot be hashed). event_types holds exact types (nudge.raised), a
-- family (customer.*) or everything (*). A subscription that keeps failing is disabled (enabled false, with why).
CREATE TABLE IF NOT EXISTS pdg_webhook_subscriptions
(
    tenant               text        NOT NULL,
    subscription_id      text        NOT NULL,
    url                  text        NOT NULL,
    event_types          text[]      NOT NULL,
    description          text        NULL,
    secret               text        NOT NULL,
    enabled              boolean     NOT NULL DEFAULT true,
    disabled_reason      text        NULL,
    disabled_at          timestamptz NULL,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    failing_since        timestamptz NULL,
    last_success_at      timestamptz NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_webhook_subscriptions_pk PRIMARY KEY (tenant, subscription_id)
);

-- One row per notification and subscription, written by the group commit in the same transaction as the change that
-- caused it (a nudge raised or closed, a customer change), so a committed change is never without its notification.
-- The dispatchers of all nodes claim due rows (state pending, next_attempt_at passed) with FOR UPDATE SKIP LOCKED and
-- lease them by moving next_attempt_at; an attempt's outcome updates the row. id orders notifications as committed.
CREATE TABLE IF NOT EXISTS pdg_webhook_deliveries
(
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    tenant          text        NOT NULL,
    subscription_id text        NOT NULL,
    notification_id text        NOT NULL,
    type            text        NOT NULL,
    customer_id     text        NULL,
    occurred_at     timestamptz NOT NULL,
    data            jsonb       NOT NULL,
    state           text        NOT NULL DEFAULT 'pending', -- pending, delivered, failed (retried for Webhooks:RetryFor without success)
    scheduled_at    timestamptz NOT NULL DEFAULT now(),     -- written or replayed: retries stop RetryFor after this
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,         -- every attempt, replays included
    failures        integer     NOT NULL DEFAULT 0,         -- failed attempts since scheduled_at (the backoff's exponent)
    last_attempt_at timestamptz NULL,
    last_status     integer     NULL,                       -- the receiver's HTTP status; null when no answer came
    last_error      text        NULL,
    delivered_at    timestamptz NULL,
    CONSTRAINT pdg_webhook_deliveries_pk PRIMARY KEY (id),
    CONSTRAINT pdg_webhook_deliveries_once UNIQUE (tenant, subscription_id, notification_id),
    CONSTRAINT pdg_webhook_deliveries_subscription_fk FOREIGN KEY (tenant, subscription_id)
        REFERENCES pdg_webhook_subscriptions (tenant, subscription_id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS pdg_webhook_deliveries_due ON pdg_webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS pdg_webhook_deliveries_log ON pdg_webhook_deliveries (tenant, subscription_id, id DESC);
