-- Tag-job rows kept the identities a CSV upload named them by (phone, unionid...) as given, in `input` and, for one no
-- customer held, in `error` (issue 14). Rows now keep the kind and a masked value (Core/Identity/CustomerIdentity.cs,
-- Masked: a quarter of the value's characters at each end, one to four, stars between; all stars for one or two). This
-- masks the rows stored before, the same way. An identity row is one whose input is not its customer id (rows of ids,
-- filters and catalog changes hold the customer id); its kind is the text before the first ':' (before the second for
-- openid:{appId}). Idempotent: a masked value masks to itself (its ends are kept, its middle is stars).
WITH identity_rows AS (
    SELECT tenant, job_id, seq,
           CASE WHEN input LIKE 'openid:%' THEN 'openid:' || split_part(input, ':', 2) ELSE split_part(input, ':', 1) END AS kind,
           input
    FROM pdg_tag_job_rows
    WHERE customer_id IS DISTINCT FROM input AND position(':' IN input) > 0),
parts AS (
    SELECT tenant, job_id, seq, kind, substr(input, length(kind) + 2) AS value FROM identity_rows),
masked AS (
    SELECT tenant, job_id, seq, kind,
           CASE WHEN length(value) <= 2 THEN kind || ':' || repeat('*', length(value))
                ELSE kind || ':' || left(value, greatest(1, least(4, length(value) / 4)))
                     || repeat('*', length(value) - 2 * greatest(1, least(4, length(value) / 4)))
                     || right(value, greatest(1, least(4, length(value) / 4))) END AS input
    FROM parts)
UPDATE pdg_tag_job_rows r
SET input = m.input,
    error = CASE WHEN r.error LIKE 'no customer holds %' THEN 'no customer holds this ' || m.kind ELSE r.error END
FROM masked m
WHERE r.tenant = m.tenant AND r.job_id = m.job_id AND r.seq = m.seq AND (r.input <> m.input OR r.error LIKE 'no customer holds % ''%');
