-- Tag jobs (issue 17): the customers one batch tagging, or one catalog rename, merge or delete, goes through, one row
-- each in the order the job works them (seq), with each row's result. Rows are staged when the job is created (an
-- id list, a CSV upload resolved through the identity index, or a directory filter read at that moment), so the job's
-- total is exact and a job resumed after a restart continues after its saved cursor over the same rows.
-- status: pending, changed (its tags changed), unchanged (already as asked), failed (error says why).
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_tag_job_rows
(
    tenant      text    NOT NULL,
    job_id      text    NOT NULL,
    seq         integer NOT NULL,
    input       text    NOT NULL,
    customer_id text    NULL,
    status      text    NOT NULL DEFAULT 'pending',
    error       text    NULL,
    CONSTRAINT pdg_tag_job_rows_pk PRIMARY KEY (tenant, job_id, seq)
);

-- A customer's rows in every job: what erasing the customer's personal data deletes (PersonalDataEraser).
CREATE INDEX IF NOT EXISTS pdg_tag_job_rows_customer ON pdg_tag_job_rows (tenant, customer_id) WHERE customer_id IS NOT NULL;
