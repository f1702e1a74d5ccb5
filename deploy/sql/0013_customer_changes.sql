-- Changes to a customer that are not events: tags added or removed (by whom: a staff member, a rule, a keyword, an
-- integration), the owner changed (with the open nudges that moved), the tier changed, a field set by a rule. With the
-- event journal and the nudges they make up the customer's complete timeline. Written through group commit in the
-- same transaction as the change. Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_customer_changes
(
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    tenant      text        NOT NULL,
    customer_id text        NOT NULL,
    at          timestamptz NOT NULL,
    kind        text        NOT NULL, -- tag-added, tag-removed, owner-changed, tier-changed, field-set
    detail      jsonb       NOT NULL,
    CONSTRAINT pdg_customer_changes_pk PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS pdg_customer_changes_by_customer ON pdg_customer_changes (tenant, customer_id, at);
