#!/usr/bin/env bash
# Measures the console's customer list and search on the customer directory at scale: 1,000,000 customers of one
# tenant, 20 staff members owning 50,000 each (customer-directory-1m.sql), then each query exactly as
# Persistence/CustomerDirectory.cs writes it, one client at a time for 15 s (pgbench), p50 / p95 / p99 of every run.
#   deploy/bench/customer-directory.sh PORT     a PostgreSQL from deploy/postgres.sh on 127.0.0.1:PORT (loads once)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${1:?usage: customer-directory.sh PORT}"
export PGPASSWORD=postgres
"$here/../postgres.sh" createdb "$port" dirbench >/dev/null
psql=(psql -h 127.0.0.1 -p "$port" -U postgres -d dirbench -q -v ON_ERROR_STOP=1)
# The directory and each customer's activity in a table of its own (0054 moves a directory loaded before it; 0012 is
# applied only to a database without a directory, as its indexes name the columns 0054 drops).
if [ "$("${psql[@]}" -Atc "SELECT to_regclass('pdg_customer_directory') IS NULL")" = t ]; then
    "${psql[@]}" -f "$here/../sql/0012_customer_directory.sql"
fi
"${psql[@]}" -f "$here/../sql/0054_customer_activity.sql"
if [ "$("${psql[@]}" -Atc "SELECT count(*) FROM pdg_customer_directory")" != 1000000 ]; then
    echo "loading 1,000,000 customers (a few minutes)" >&2
    "${psql[@]}" -f "$here/customer-directory-1m.sql"
fi
# Every customer has a phone identity (+86138 and its number in 8 digits), for the phone-suffix search.
"${psql[@]}" -f "$here/../sql/0016_identities.sql" -f "$here/../sql/0024_identity_phone_suffix.sql" 2>/dev/null
if [ "$("${psql[@]}" -Atc "SELECT count(*) FROM pdg_identities")" != 1000000 ]; then
    echo "loading 1,000,000 phone identities" >&2
    "${psql[@]}" -c "TRUNCATE pdg_identities" -c "INSERT INTO pdg_identities (tenant, kind, value, customer_id, source)
        SELECT 'bench', 'phone', '+86138' || lpad(n::text, 8, '0'), 'wm' || substr(md5(n::text), 1, 30), 'import' FROM generate_series(1, 1000000) n" \
        -c "ANALYZE pdg_identities"
fi

from="pdg_customer_activity a JOIN pdg_customer_directory d ON d.tenant = a.tenant AND d.customer_id = a.customer_id"
cols="d.tenant, d.customer_id, d.owner, d.display_name, d.remark, d.tags, d.tier, d.status, a.last_interaction_at, a.open_nudges"
order="ORDER BY a.last_interaction_at DESC NULLS LAST, a.customer_id LIMIT 51"
# Over a subquery's rows (a team's lists merged, a search's two branches).
names="tenant, customer_id, owner, display_name, remark, tags, tier, status, last_interaction_at, open_nudges"
names_order="ORDER BY last_interaction_at DESC NULLS LAST, customer_id LIMIT 51"
# A search finds its matches among the directory's rows of the owner first (a materialized CTE), then joins their activity and sorts.
found() { echo "WITH found AS MATERIALIZED (SELECT d.tenant, d.customer_id, d.owner, d.display_name, d.remark, d.tags, d.tier, d.status FROM pdg_customer_directory d WHERE d.tenant = 'bench' AND d.owner = 'staff0' AND $1)"; }
matches="found d JOIN pdg_customer_activity a ON a.tenant = d.tenant AND a.customer_id = d.customer_id"
search() { echo "$(found "d.search_grams @> '{$1}'::text[] AND (lower(coalesce(d.display_name, '')) LIKE '%$1%' OR lower(coalesce(d.remark, '')) LIKE '%$1%' OR lower(d.customer_id) LIKE '%$1%')") SELECT $cols FROM $matches WHERE a.tenant = 'bench' AND a.owner = 'staff0' $order"; }
# A one-character search first reads the staff member's 1,000 most recent customers in order (CustomerDirectory.ShortSearchProbe);
# when their matches do not fill the page (a rare character), it goes to the search index as a longer search does.
probe() { echo "SELECT $cols FROM (SELECT * FROM pdg_customer_activity a WHERE a.tenant = 'bench' AND a.owner = 'staff0' ORDER BY a.last_interaction_at DESC NULLS LAST, a.customer_id LIMIT 1000) a JOIN pdg_customer_directory d ON d.tenant = a.tenant AND d.customer_id = a.customer_id WHERE (lower(coalesce(d.display_name, '')) LIKE '%$1%' OR lower(coalesce(d.remark, '')) LIKE '%$1%' OR lower(d.customer_id) LIKE '%$1%') $order"; }
# Digits (and their two-character pieces) search the name, remark and id, the playbook's phone field (tel: entries) and, in a branch of their own, the phone identities.
phone() { echo "$(found "(d.search_grams @> '{$2}'::text[] AND (lower(coalesce(d.display_name, '')) LIKE '%$1%' OR lower(coalesce(d.remark, '')) LIKE '%$1%' OR lower(d.customer_id) LIKE '%$1%') OR d.search_grams @> ARRAY['tel:$1']::text[])") SELECT $names FROM ((SELECT $cols FROM $matches WHERE a.tenant = 'bench' AND a.owner = 'staff0' $order) UNION (SELECT $cols FROM $from WHERE a.tenant = 'bench' AND a.owner = 'staff0' AND d.customer_id = ANY(ARRAY(SELECT customer_id FROM pdg_identities WHERE tenant = 'bench' AND kind = 'phone' AND reverse(value) LIKE '0008%' LIMIT 1000)))) u $names_order"; }
declare -A queries=(
    ["1 first page, one staff member (50,000 of 1,000,000)"]="SELECT $cols FROM $from WHERE a.tenant = 'bench' AND a.owner = 'staff0' $order"
    ["2 search a two-character name (晓雯), one staff member"]="$(search 晓雯)"
    ["3 search a one-character name (王, 1 in 3 of staff0's), one staff member"]="$(probe 王)"
    ["6 search a one-character name (伟, 1 in 20 of staff0's: too few in the probe), one staff member"]="$(probe 伟); $(search 伟)"
    ["7 search the end of a phone number (8000), one staff member"]="$(phone 8000 80,00)"
    ["5 search a rare one-character name (曹, none of staff0's), one staff member"]="$(probe 曹); $(search 曹)"
    ["8 first page of those with open nudges (1 in 5), one staff member"]="SELECT $cols FROM $from WHERE a.tenant = 'bench' AND a.owner = 'staff0' AND a.open_nudges > 0 $order"
    ["4 first page, a manager's team of five (250,000)"]="SELECT $names FROM unnest('{staff0,staff1,staff2,staff3,staff4}'::text[]) AS o(id) CROSS JOIN LATERAL (SELECT $cols FROM $from WHERE a.tenant = 'bench' AND a.owner = o.id $order) l $names_order"
)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for name in $(printf '%s\n' "${!queries[@]}" | sort | tr ' ' '\001'); do
    name="${name//$'\001'/ }"
    echo "${queries[$name]};" > "$work/q.sql"
    (cd "$work" && rm -f pgbench_log* && pgbench -h 127.0.0.1 -p "$port" -U postgres -n -c 1 -T 15 -f q.sql --log --log-prefix=pgbench_log dirbench >/dev/null 2>&1)
    python3 - "$work" "$name" <<'PY'
import glob, sys
v = sorted(int(l.split()[2]) / 1000 for f in glob.glob(sys.argv[1] + "/pgbench_log*") for l in open(f))
print(f"{sys.argv[2]:62s} n={len(v):6d}  min {v[0]:.3f}  p50 {v[len(v)//2]:7.2f} ms  p95 {v[int(len(v)*.95)]:7.2f} ms  p99 {v[int(len(v)*.99)]:7.2f} ms")
PY
done
