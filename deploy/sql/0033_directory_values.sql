-- The customer directory's values, for segments and the customer lists: paid orders and the last one's time (the
-- recency and frequency scores follow from them at the moment of asking, so a row never goes stale as days pass),
-- the monetary score (1-5 of the lifetime value in the customer's own currency, Core/Tiers/RfmScores.cs), the lifetime
-- value per currency ({"CNY": 105.5, "USD": 12.5}: never added across currencies) and the custom fields
-- ({"city": "上海"}), each written by the customer's own commits like the rest of the row. Rows written before this
-- script read as no orders and no fields until their customer's next commit rewrites them.
-- Indexes: a segment's conditions are ANDed, so PostgreSQL combines whichever of these fit (bitmap AND) before it
-- reads any row; tags keep their GIN index (0012), owners their B-tree. Idempotent: safe to apply any number of times.
ALTER TABLE pdg_customer_directory ADD COLUMN IF NOT EXISTS orders          integer     NOT NULL DEFAULT 0;
ALTER TABLE pdg_customer_directory ADD COLUMN IF NOT EXISTS last_order_at   timestamptz NULL;
ALTER TABLE pdg_customer_directory ADD COLUMN IF NOT EXISTS monetary_score  smallint    NOT NULL DEFAULT 0;
ALTER TABLE pdg_customer_directory ADD COLUMN IF NOT EXISTS lifetime_value  jsonb       NOT NULL DEFAULT '{}';
ALTER TABLE pdg_customer_directory ADD COLUMN IF NOT EXISTS fields          jsonb       NOT NULL DEFAULT '{}';

CREATE INDEX IF NOT EXISTS pdg_customer_directory_tier ON pdg_customer_directory (tenant, tier, customer_id);
CREATE INDEX IF NOT EXISTS pdg_customer_directory_last_order ON pdg_customer_directory (tenant, last_order_at);
CREATE INDEX IF NOT EXISTS pdg_customer_directory_orders ON pdg_customer_directory (tenant, orders, monetary_score);
CREATE INDEX IF NOT EXISTS pdg_customer_directory_last_interaction ON pdg_customer_directory (tenant, last_interaction_at);
CREATE INDEX IF NOT EXISTS pdg_customer_directory_fields ON pdg_customer_directory USING gin (fields jsonb_path_ops);
