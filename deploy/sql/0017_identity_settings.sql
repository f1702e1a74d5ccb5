-- PrivateDomainGrains identity settings per tenant (issue 14): the region national phone numbers are read in, and the
-- event types that create a customer for an identity nobody holds (the others wait in the pending pool). A tenant
-- without a row uses the node's Identities options (CN; friend.added). Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_identity_settings
(
    tenant              text        NOT NULL,
    default_region      text        NOT NULL,
    create_customer_on  text[]      NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_identity_settings_pk PRIMARY KEY (tenant)
);
