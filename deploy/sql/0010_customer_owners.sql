-- PrivateDomainGrains ownership index: which staff member owns each customer, so a handover can list everything a
-- departing staff member owns without activating every customer. Customers write their row through group commit in
-- the same transaction as the profile change that set the owner; the profile stays the truth, this is its index.
-- The (tenant, staff_id, customer_id) index serves "a staff member's customers, in customer id order" (keyset pages).
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_customer_owners
(
    tenant       text NOT NULL,
    customer_id  text NOT NULL,
    staff_id     text NOT NULL,
    CONSTRAINT pdg_customer_owners_pk PRIMARY KEY (tenant, customer_id)
);

CREATE INDEX IF NOT EXISTS pdg_customer_owners_staff ON pdg_customer_owners (tenant, staff_id, customer_id);

-- Customers snapshotted before this index existed: their owner is in the snapshot's JSON. Rows already present were
-- written by the customers themselves and are newer.
INSERT INTO pdg_customer_owners (tenant, customer_id, staff_id)
SELECT tenant, customer_id, convert_from(body, 'UTF8')::jsonb ->> 'owner'
FROM pdg_customer_snapshots
WHERE convert_from(body, 'UTF8')::jsonb ->> 'owner' IS NOT NULL
ON CONFLICT (tenant, customer_id) DO NOTHING;
