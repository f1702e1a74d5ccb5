-- Identity import jobs (issue 14): the rows of one bulk import of existing customers' identities (a CSV or JSON-lines
-- upload), one row per line of the upload, staged in one transaction while the upload streams in (so a job's total is
-- exact and an upload refused as a whole stores nothing), then worked in line order by the job's grain through the
-- identity index's bulk path. A job resumed after a restart continues after its saved cursor over the same rows.
-- state: pending, added, unchanged (the customer held it already), refused (the row is invalid: field and reason say
-- why), conflict (another customer holds the identity: reason names it; nothing moves).
-- customer_id, kind and value: normalised for a valid row, as given (possibly null) for a refused one.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_identity_import_rows
(
    tenant      text   NOT NULL,
    job_id      text   NOT NULL,
    line        bigint NOT NULL,
    customer_id text   NULL,
    kind        text   NULL,
    value       text   NULL,
    state       text   NOT NULL DEFAULT 'pending',
    field       text   NULL,
    reason      text   NULL,
    CONSTRAINT pdg_identity_import_rows_pk PRIMARY KEY (tenant, job_id, line)
);

-- A customer's rows in every import: what erasing the customer's personal data would delete.
CREATE INDEX IF NOT EXISTS pdg_identity_import_rows_customer ON pdg_identity_import_rows (tenant, customer_id) WHERE customer_id IS NOT NULL;
