-- Who created each saved segment: the staff id of the console user (a manager or admin), or NULL for one created with
-- the integration key or before this column. From the console only its creator or an admin may replace or delete a
-- segment (others read it); a segment without a creator is changed by admins (and the integration key) only.
-- Idempotent: safe to apply any number of times.
ALTER TABLE pdg_segments ADD COLUMN IF NOT EXISTS created_by text NULL;
