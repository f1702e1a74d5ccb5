-- 1,000,000 customers of one tenant for deploy/bench/customer-directory.sh: 20 staff members own 50,000 each; Chinese
-- names of 2-3 characters, WeCom-like external ids; search pieces as SearchGrams makes them (every 1- and 2-character piece of the name and of the id).
-- Each customer's activity (last interaction, open nudges) goes to its own table (deploy/sql/0054).
DROP INDEX IF EXISTS pdg_customer_activity_owner, pdg_customer_directory_search, pdg_customer_directory_tags;
TRUNCATE pdg_customer_directory CASCADE;
CREATE OR REPLACE FUNCTION pg_temp.grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(t, i, 1) g FROM generate_series(1, length(t)) i
    UNION SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) i) x $$;
CREATE TEMP TABLE bench_customers AS
SELECT n, 'wm' || substr(md5(n::text), 1, 30) AS id,
       substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹', 1 + n % 30, 1)
       || substr('晓雯伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅建国志文', 1 + (n / 30) % 40, 1)
       || CASE WHEN n % 3 = 0 THEN '' ELSE substr('晓雯伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅建国志文', 1 + (n / 1200) % 40, 1) END AS name
FROM generate_series(1, 1000000) n;
INSERT INTO pdg_customer_directory (tenant, customer_id, owner, display_name, remark, tags, tier, status, search_grams)
SELECT 'bench', id, 'staff' || (n % 20), name, NULL,
       CASE WHEN n % 7 = 0 THEN ARRAY['VIP'] ELSE '{}' END, 'Prospect', 'Active',
       pg_temp.grams(name) || pg_temp.grams(id)
FROM bench_customers;
INSERT INTO pdg_customer_activity (tenant, customer_id, owner, last_interaction_at, open_nudges)
SELECT 'bench', id, 'staff' || (n % 20), now() - (n % 100000) * interval '1 minute', (n % 5 = 0)::int
FROM bench_customers;
CREATE INDEX pdg_customer_activity_owner ON pdg_customer_activity (tenant, owner, last_interaction_at DESC NULLS LAST, customer_id);
CREATE INDEX pdg_customer_directory_search ON pdg_customer_directory USING gin (search_grams);
CREATE INDEX pdg_customer_directory_tags ON pdg_customer_directory USING gin (tags);
VACUUM ANALYZE pdg_customer_directory;
VACUUM ANALYZE pdg_customer_activity;
