-- Retention of closed nudges (issue 12; Persistence/NudgeRetention.cs, Host/Retention/NudgeRetentionService.cs).
-- pdg_nudges kept every nudge for ever. A pass now deletes, per tenant, the nudges closed before its cutoff (now less
-- Retention:ClosedNudges:KeepFor, or the tenant's attribution window if longer: a nudge still creditable is kept) whose
-- customer's snapshot was saved after the close (so a replay of the journal cannot raise them again). Open nudges are
-- never deleted. The reports read the rollups, never these rows, so their figures stay.
-- The pass walks a tenant's closed nudges oldest close first. Only closing and deleting a nudge touch this index: the
-- updates of a closed nudge's later life (credits) change no indexed column and stay HOT.
-- Idempotent: safe to apply any number of times.
CREATE INDEX IF NOT EXISTS pdg_nudges_closed_by_age ON pdg_nudges (tenant, acked_at, nudge_id) WHERE acked_at IS NOT NULL;
