-- Personal data (PIPL / GDPR-style requests) and the audit log. Idempotent: safe to apply again.

-- Every administrative action: who (which credential), what (the operation), which customer, when, from where, and
-- how it ended (the HTTP status). Append-only: rows are never updated or deleted, not even by an erasure (which is
-- itself recorded here, with the customer's id and no other personal data).
CREATE TABLE IF NOT EXISTS pdg_audit_log
(
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    tenant         text        NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL, -- admin-key, api-key, operator, staff:<id>
    action         text        NOT NULL, -- the API operation (EraseCustomer, PutPlaybook, ...)
    customer_id    text        NULL,
    target         text        NULL,     -- the other ids the request named, as JSON
    status         integer     NOT NULL, -- the HTTP status it was answered with
    remote_address text        NULL,
    CONSTRAINT pdg_audit_log_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS pdg_audit_log_tenant ON pdg_audit_log (tenant, id);
CREATE INDEX IF NOT EXISTS pdg_audit_log_customer ON pdg_audit_log (tenant, customer_id, id) WHERE customer_id IS NOT NULL;

CREATE OR REPLACE FUNCTION pdg_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'pdg_audit_log is append-only';
END $$;
DROP TRIGGER IF EXISTS pdg_audit_log_append_only ON pdg_audit_log;
CREATE TRIGGER pdg_audit_log_append_only BEFORE UPDATE OR DELETE ON pdg_audit_log
    FOR EACH ROW EXECUTE FUNCTION pdg_audit_log_append_only();

-- Customers whose personal data was erased, and when: the only trace of them left besides the audit log.
CREATE TABLE IF NOT EXISTS pdg_customer_erasures
(
    tenant      text        NOT NULL,
    customer_id text        NOT NULL,
    erased_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_customer_erasures_pk PRIMARY KEY (tenant, customer_id)
);
