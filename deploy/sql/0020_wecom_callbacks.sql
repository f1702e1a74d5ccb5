-- WeCom (企业微信) customer-contact callbacks. Idempotent: safe to apply any number of times.

-- The ASP.NET Core Data Protection key ring, shared by every node of a cluster (DataProtectionKeyRepository). Tenant
-- WeCom secrets are stored protected with these keys; a node that could not read them could not decrypt callbacks.
-- One row per element the key manager writes (a key or a revocation), as it wrote it; rows are only ever added, as
-- in the EF Core repository of Microsoft.AspNetCore.DataProtection.EntityFrameworkCore (id, friendly name, XML).
CREATE TABLE IF NOT EXISTS pdg_data_protection_keys
(
    id            bigint      GENERATED ALWAYS AS IDENTITY,
    friendly_name text        NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_data_protection_keys_pk PRIMARY KEY (id)
);

-- Every callback that passed signature, time and corp checks, with what became of it. Its key is what a replay repeats
-- (timestamp, nonce, msg_signature): a row with the same key means the request was already handled. It also tells an
-- operator what WeCom sent lately and why something was not recorded (e.g. a UserID that is not staff of the tenant).
-- Rows older than WeCom:CallbackRetention are deleted by each node's WeComCallbackPruner.
CREATE TABLE IF NOT EXISTS pdg_wecom_callbacks
(
    tenant           text        NOT NULL,
    timestamp        text        NOT NULL,
    nonce            text        NOT NULL,
    msg_signature    text        NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    event            text        NULL,
    change_type      text        NULL,
    user_id          text        NULL,
    external_user_id text        NULL,
    event_id         text        NULL,
    outcome          text        NOT NULL,
    detail           text        NULL,
    CONSTRAINT pdg_wecom_callbacks_pk PRIMARY KEY (tenant, timestamp, nonce, msg_signature)
);

CREATE INDEX IF NOT EXISTS pdg_wecom_callbacks_received ON pdg_wecom_callbacks (tenant, received_at);
CREATE INDEX IF NOT EXISTS pdg_wecom_callbacks_age ON pdg_wecom_callbacks (received_at);
