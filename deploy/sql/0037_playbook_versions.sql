-- PrivateDomainGrains playbook version history (issue 17): every version a tenant's playbook grain stored, with who
-- stored it and, for a rollback, the version it restored. The grain's state stays the source of the current version;
-- this table is what the history and rollback read. json, not jsonb: a version reads back exactly as it was stored
-- (key order included), which is what an editor shows and a rollback restores. Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_playbook_versions
(
    tenant         text        NOT NULL,
    version        integer     NOT NULL,
    playbook       json        NOT NULL,
    stored_at      timestamptz NOT NULL,
    stored_by      text        NULL,
    restored_from  integer     NULL,
    CONSTRAINT pdg_playbook_versions_pk PRIMARY KEY (tenant, version)
);
