-- A nudge's lifecycle: raised (created_at), first delivered to a connected console, opened by its staff member,
-- snoozed, and closed (acked_at) with how and by whom; what came of it (a reply, an order with its amount) once
-- credited to it. These are the facts the execution reports are computed from. Idempotent: safe to apply again.
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS source        text        NULL; -- the rule, or sequence/step, that raised it
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS expires_at    timestamptz NULL; -- closes as expired if still open then
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS delivered_at  timestamptz NULL; -- first reached a connected console
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS opened_at     timestamptz NULL; -- its staff member first opened it or its customer
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS snoozed_until timestamptz NULL; -- hidden from the queue until then
-- acked_at is when it closed; closed_how: done, not-useful, done-by-action, obsolete, expired (null for nudges closed
-- before this column existed); closed_by: the staff member who closed it, null when the platform did.
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS closed_how     text        NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS closed_by      text        NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS replied_at     timestamptz NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS ordered_at     timestamptz NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS order_amount   numeric     NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS order_currency text        NULL;

-- A customer's nudges, newest first, for its timeline.
CREATE INDEX IF NOT EXISTS pdg_nudges_by_customer ON pdg_nudges (tenant, customer_id, created_at);
