-- Execution reports over 10,000,000 nudges in one small read (issue 12). Idempotent: safe to apply again.

-- (1) The rollups pre-summed per level a tenant-wide report reads (Persistence/ExecutionRollups.cs): 'staff' per raised
-- day and staff member (source and variant ''), 'variant' per day, source and variant (staff ''), 'day' per day (all
-- ''). pdg_execution_daily keeps the finest rows (per day, staff member, source and variant) for reports limited to some
-- staff (a manager's team); a tenant of 50 staff firing 20 rules every day has ~37,000 of those in 30 days, but 1,500
-- 'staff', ~700 'variant' and 30 'day' rows. The fold writes every level in the statement that writes the finest rows.
CREATE TABLE IF NOT EXISTS pdg_execution_levels (LIKE pdg_execution_daily INCLUDING DEFAULTS, level text NOT NULL,
    CONSTRAINT pdg_execution_levels_pk PRIMARY KEY (tenant, level, day, staff_id, source, variant));
CREATE TABLE IF NOT EXISTS pdg_execution_level_revenue (LIKE pdg_execution_revenue INCLUDING DEFAULTS, level text NOT NULL,
    CONSTRAINT pdg_execution_level_revenue_pk PRIMARY KEY (tenant, level, day, staff_id, source, variant, currency));

INSERT INTO pdg_execution_levels (level, tenant, day, staff_id, source, variant, raised, delivered, opened, done, not_useful, done_by_action, expired, obsolete, holdout, replies, orders, itt_replies, itt_orders, act_b0, act_b1, act_b2, act_b3, act_b4, act_b5, act_b6, act_b7, act_b8, act_b9, act_b10, act_b11)
SELECT CASE WHEN GROUPING(staff_id) = 0 THEN 'staff' WHEN GROUPING(source) = 0 THEN 'variant' ELSE 'day' END,
    tenant, day, coalesce(CASE WHEN GROUPING(staff_id) = 0 THEN staff_id END, ''), coalesce(CASE WHEN GROUPING(source) = 0 THEN source END, ''),
    coalesce(CASE WHEN GROUPING(variant) = 0 THEN variant END, ''), sum(raised), sum(delivered), sum(opened), sum(done), sum(not_useful), sum(done_by_action), sum(expired), sum(obsolete), sum(holdout), sum(replies), sum(orders), sum(itt_replies), sum(itt_orders), sum(act_b0), sum(act_b1), sum(act_b2), sum(act_b3), sum(act_b4), sum(act_b5), sum(act_b6), sum(act_b7), sum(act_b8), sum(act_b9), sum(act_b10), sum(act_b11)
FROM pdg_execution_daily GROUP BY GROUPING SETS ((tenant, day, staff_id), (tenant, day, source, variant), (tenant, day))
ON CONFLICT DO NOTHING;
INSERT INTO pdg_execution_level_revenue (level, tenant, day, staff_id, source, variant, currency, attributed, itt)
SELECT CASE WHEN GROUPING(staff_id) = 0 THEN 'staff' WHEN GROUPING(source) = 0 THEN 'variant' ELSE 'day' END,
    tenant, day, coalesce(CASE WHEN GROUPING(staff_id) = 0 THEN staff_id END, ''), coalesce(CASE WHEN GROUPING(source) = 0 THEN source END, ''),
    coalesce(CASE WHEN GROUPING(variant) = 0 THEN variant END, ''), currency, sum(attributed), sum(itt)
FROM pdg_execution_revenue GROUP BY GROUPING SETS ((tenant, day, staff_id, currency), (tenant, day, source, variant, currency), (tenant, day, currency))
ON CONFLICT DO NOTHING;

-- (2) Customers reached: a customer is reached by a group (staff member, team, rule, variant, day, the tenant) in a
-- period when at least one nudge of the group raised in the period was acted on: Done in the console or done by the
-- owner's own observed action (the nudges whose replies and orders can be credited). Distinct customers do not add up
-- over days or staff, so they are kept apart (Persistence/ExecutionReach.cs):
-- pdg_execution_reach: each customer's reached (staff member, source, variant, raised day), written by the fold from
--   pdg_execution_reach_pending, which the closing statement appends to (Persistence/Statements/NudgeStatements.cs);
-- pdg_execution_reached: per level, group and day, how many customers reached that day were last reached before it
--   on day `since` (their previous reached day in the group, at most 366 days back; a first reach is day - 366). The
--   customers reached from `from` to `to` are then exactly the rows of those days with since < from, added up: one
--   indexed read whatever the number of nudges. Levels: 'tenant', 'staff', 'rule', 'variant', 'staff-rule',
--   'staff-variant' (dimensions not in the level are '').
-- pdg_execution_reach_shared: customers reached by more than one staff member, whose reaches a team's figure (or a
--   manager's, of their team) reads to count each once (handed-over customers; few).
-- Reaches only ever add: a handover moves open nudges only (a reach counts for whoever acted), an expired nudge was
-- not acted on, and a personal-data erasure deletes the customer's rows here but leaves the counts, as it leaves the
-- rollups' (their figures are anonymous and the erased id never comes back).
CREATE TABLE IF NOT EXISTS pdg_execution_reach_pending
(
    id          bigint GENERATED ALWAYS AS IDENTITY,
    tenant      text   NOT NULL,
    customer_id text   NOT NULL,
    staff_id    text   NOT NULL,
    source      text   NOT NULL,
    variant     text   NOT NULL,
    day         date   NOT NULL,
    CONSTRAINT pdg_execution_reach_pending_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS pdg_execution_reach_pending_customer ON pdg_execution_reach_pending (tenant, customer_id);

CREATE TABLE IF NOT EXISTS pdg_execution_reach
(
    tenant      text NOT NULL,
    customer_id text NOT NULL,
    staff_id    text NOT NULL,
    source      text NOT NULL,
    variant     text NOT NULL,
    day         date NOT NULL,
    CONSTRAINT pdg_execution_reach_pk PRIMARY KEY (tenant, customer_id, staff_id, source, variant, day)
);

CREATE TABLE IF NOT EXISTS pdg_execution_reach_shared
(
    tenant      text NOT NULL,
    customer_id text NOT NULL,
    CONSTRAINT pdg_execution_reach_shared_pk PRIMARY KEY (tenant, customer_id)
);

CREATE TABLE IF NOT EXISTS pdg_execution_reached
(
    tenant    text   NOT NULL,
    level     text   NOT NULL,
    day       date   NOT NULL,
    since     date   NOT NULL,
    staff_id  text   NOT NULL,
    source    text   NOT NULL,
    variant   text   NOT NULL,
    customers bigint NOT NULL,
    CONSTRAINT pdg_execution_reached_pk PRIMARY KEY (tenant, level, day, since, staff_id, source, variant)
);

-- The nudges acted on before this script, as the fold would have taken them.
INSERT INTO pdg_execution_reach_pending (tenant, customer_id, staff_id, source, variant, day)
SELECT tenant, customer_id, staff_id, coalesce(source, ''), coalesce(variant, ''), raised_day FROM pdg_nudges
WHERE closed_how IN ('done', 'done-by-action') AND raised_day IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM pdg_execution_reach) AND NOT EXISTS (SELECT 1 FROM pdg_execution_reach_pending);
