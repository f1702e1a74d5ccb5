-- Identity-import rows kept the values an upload gave (issue 14): a refused row its value (and a customer id or kind as
-- given, a phone when a spreadsheet's columns shifted), a worked row its normalised value (a conflict's is another
-- customer's), a conflict's reason the value again. Erasure deletes a customer's rows by customer id, so a refused row
-- naming no customer, or one naming a customer erased before the import, kept them for good. Rows are now masked once
-- refused or worked (Core/Identity/IdentityMask.cs: a quarter of the value's characters at each end, one to four, stars
-- between; all stars for one or two); this masks the rows stored before, the same way: every row but a pending one (its
-- job still adds it) has its value masked and its conflict reason's quoted value with it; a refused row's customer id
-- that is no valid id (Core/Identity/Ids.cs) and its kind that is no identity kind (IdentityKinds.cs) are masked too.
-- Idempotent: a masked text masks to itself (its ends are kept, its middle is stars), and a masked id or kind is no
-- valid one.
CREATE OR REPLACE FUNCTION pg_temp.pdg_identity_mask(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN length(v) <= 2 THEN repeat('*', length(v))
                ELSE left(v, k) || repeat('*', length(v) - 2 * k) || right(v, k) END
    FROM (SELECT greatest(1, least(4, length(v) / 4)) AS k) s
$$;

WITH masked AS (
    SELECT tenant, job_id, line,
           pg_temp.pdg_identity_mask(value) AS value,
           CASE WHEN state <> 'refused' OR kind IN ('unionid', 'external_userid', 'phone', 'order', 'email', 'nickname')
                     OR kind ~ '^openid:[A-Za-z0-9_-]{1,64}$' THEN kind
                ELSE pg_temp.pdg_identity_mask(kind) END AS kind,
           CASE WHEN state <> 'refused' OR customer_id ~ '^[A-Za-z0-9._:@-]{1,128}$' THEN customer_id
                ELSE pg_temp.pdg_identity_mask(customer_id) END AS customer_id,
           CASE WHEN state = 'conflict' THEN replace(reason, '''' || value || '''', '''' || pg_temp.pdg_identity_mask(value) || '''')
                ELSE reason END AS reason
    FROM pdg_identity_import_rows
    WHERE state <> 'pending')
UPDATE pdg_identity_import_rows r
SET value = m.value, kind = m.kind, customer_id = m.customer_id, reason = m.reason
FROM masked m
WHERE r.tenant = m.tenant AND r.job_id = m.job_id AND r.line = m.line
  AND (r.value, r.kind, r.customer_id, r.reason) IS DISTINCT FROM (m.value, m.kind, m.customer_id, m.reason);

DROP FUNCTION pg_temp.pdg_identity_mask(text);
