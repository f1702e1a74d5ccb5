-- 0001_orleans_main.sql: the OrleansQuery catalogue shared by all Orleans ADO.NET providers.
--
-- Source: our own rewrite of dotnet/orleans src/AdoNet/Shared/PostgreSQL-Main.sql, the
-- contract of Microsoft.Orleans.*.AdoNet 10.4.2 (the NuGet packages ship no SQL). Every
-- provider reads its statements at start-up with
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and then binds parameters by name (@Name). The later scripts add their rows here.
--
-- Idempotent: only CREATE ... IF NOT EXISTS. Safe to run any number of times.
-- Runs inside the caller's transaction (psql -1, or one Npgsql multi-statement command in a
-- transaction): no BEGIN/COMMIT and no psql meta-commands here.
-- The advisory lock (transaction scoped, released at commit) serialises concurrent runs of
-- these scripts, e.g. two hosts starting at the same moment against an empty database.

SELECT pg_advisory_xact_lock(7340041);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);
