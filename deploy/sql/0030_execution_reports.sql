-- Execution reports (Host/Reports/ExecutionReports.cs, Persistence/ExecutionOpenNudges.cs). Idempotent: safe to apply again.
-- The closed side of a report comes from the rollups (0014_execution.sql), never from this table. What is still open now
-- (open, snoozed, overdue per raised day, staff member, rule and variant) and the overdue drill-down (oldest first)
-- read the open nudges through this index: their counts in an index-only scan of the period's creation times, the
-- drill-down walking it in age order and stopping at its limit. Open nudges close within their expiry, so it stays
-- small however many nudges a tenant has had. Measured in README.md (Performance: execution reports).
CREATE INDEX IF NOT EXISTS pdg_nudges_open_by_age ON pdg_nudges (tenant, created_at, nudge_id)
    INCLUDE (staff_id, raised_day, source, variant, snoozed_until) WHERE acked_at IS NULL;
