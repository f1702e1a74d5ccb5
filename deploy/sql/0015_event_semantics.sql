-- Events as the field sends them. Idempotent: safe to apply again.

-- A history event (a backfill, or one that arrived long after its time) is replayed as history: it raises nothing.
ALTER TABLE pdg_event_journal ADD COLUMN IF NOT EXISTS history boolean NOT NULL DEFAULT false;

-- A nudge addressed to the owner follows the customer's owner (and waits, addressed to '', while there is none); one
-- addressed to a staff member by name (the one the customer added, deleted or wrote to) stays theirs.
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS follows_owner boolean NOT NULL DEFAULT true;
-- The unassigned queue is the inbox of staff '' (pdg_nudges_open_by_staff serves it).
