using System.Diagnostics;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Segments;

/// <summary>
/// A measurement driver, not a speed assertion: one tenant's directory of many customers (PDG_SEGMENT_MEASURE_CUSTOMERS,
/// 100,000 by default, fit for CI; the figure is at 1,000,000), written straight into
/// <c>pdg_customer_directory</c> and <c>pdg_customer_activity</c> (30 staff, 3 tags spread unevenly, tiers, orders, lifetime values in two currencies,
/// open nudges on 1 in 8, a city field, search pieces) and vacuumed as autovacuum would after a bulk load; then a saved
/// segment per kind of filter (the whole tenant, one tag, a tag and a tier, one owner, quiet for 30 days, a lifetime
/// value range, open nudges, a narrow combination, a team of five owners, and a narrow one of five owners and the
/// unowned) counted and its first page of 100 read over HTTP, one request at a time. Each count is compared with the
/// exact one: equal when the answer says exact, and the estimate's error shown otherwise. Median, p95 and max per route go to the test output (run with <c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class SegmentMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 50;
    private static readonly string[] FiveOwners = ["s1", "s2", "s3", "s4", "s5"];
    private static readonly int Customers = int.TryParse(Environment.GetEnvironmentVariable("PDG_SEGMENT_MEASURE_CUSTOMERS"), out var n) && n > 0 ? n : 100_000;

    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "segment-measure"));
        _api = new PlatformClient(_node.BaseAddress);
        await _api.ProvisionAsync("big");
        var fill = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        // Customer i: owner s(i % 30), every 10th without one; tag VIP on 1 in 20, 新客 on 1 in 3, 油皮 on 1 in 7; last
        // interaction up to 200 days ago; 1-3 open nudges on 1 in 8; orders 0-12, the last one up to 500 days ago; CNY for
        // all buyers, USD for 1 in 9; a city for 2 in 3; search pieces of the name as the directory's writes make them.
        await using var insert = new NpgsqlCommand("""
            WITH c AS (SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE 's' || (i % 30) END AS owner FROM generate_series(1, $1) AS i),
            directory AS (
                INSERT INTO pdg_customer_directory (tenant, customer_id, owner, display_name, tags, tier, status,
                    orders, last_order_at, monetary_score, lifetime_value, fields, search_grams)
                SELECT 'big', 'c' || lpad(i::text, 8, '0'), owner, 'customer ' || i,
                    array_remove(ARRAY[CASE WHEN i % 20 = 0 THEN 'VIP' END, CASE WHEN i % 3 = 0 THEN '新客' END, CASE WHEN i % 7 = 0 THEN '油皮' END], NULL),
                    (ARRAY['Prospect', 'FirstPurchase', 'Repeat', 'SuperUser', 'Dormant'])[1 + i % 5], (ARRAY['Active', 'Active', 'Lost'])[1 + i % 3],
                    o, CASE WHEN o > 0 THEN now() - ((i::bigint * 104729) % 500) * interval '1 day' END,
                    CASE WHEN o = 0 THEN 0 WHEN v >= 10000 THEN 5 WHEN v >= 3000 THEN 4 WHEN v >= 1000 THEN 3 WHEN v >= 300 THEN 2 ELSE 1 END,
                    CASE WHEN o = 0 THEN '{}'::jsonb WHEN i % 9 = 0 THEN jsonb_build_object('CNY', v, 'USD', v / 7) ELSE jsonb_build_object('CNY', v) END,
                    CASE WHEN i % 3 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('city', (ARRAY['上海', '北京', '成都', '杭州'])[1 + i % 4]) END,
                    ARRAY['cu', 'us', 'st', 'to', 'om', 'me', 'er'] || regexp_split_to_array(i::text, '')
                FROM c, LATERAL (SELECT (i * 31) % 13 AS o, ((i::bigint * 7907) % 15000)::numeric AS v) x)
            INSERT INTO pdg_customer_activity (tenant, customer_id, owner, last_interaction_at, open_nudges)
            SELECT 'big', 'c' || lpad(i::text, 8, '0'), owner, now() - ((i::bigint * 7919) % (200 * 24)) * interval '1 hour',
                CASE WHEN i % 8 = 0 THEN 1 + i % 3 ELSE 0 END
            FROM c
            """, connection) { CommandTimeout = 0 };
        insert.Parameters.Add(new() { Value = Customers });
        await insert.ExecuteNonQueryAsync();
        // What autovacuum does after a bulk load (0045 has it run at 2% of the rows changed): statistics, and the
        // visibility map that lets counts read the indexes only.
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) pdg_customer_directory, pdg_customer_activity", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
        output.WriteLine($"filled and vacuumed {Customers:N0} directory rows in {fill.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public async Task Segment_counts_and_first_pages_over_many_customers_one_request_at_a_time()
    {
        var segments = _api.Api.Segments;
        var filters = new (string Name, SegmentFilter Filter)[]
        {
            ("the whole tenant", new SegmentFilter()),
            ("one tag (VIP)", new SegmentFilter(Tags: new TagCondition(Any: ["VIP"]))),
            ("a tag and a tier (油皮, SuperUser)", new SegmentFilter(Tags: new TagCondition(All: ["油皮"]), Tiers: ["SuperUser"])),
            ("one owner (s4)", new SegmentFilter(Owners: ["s4"])),
            ("no interaction for 30 days", new SegmentFilter(LastInteraction: new InteractionCondition(NotWithinDays: 30))),
            ("lifetime value CNY 1,000-5,000", new SegmentFilter(LifetimeValue: [new MoneyRange("CNY", 1000, 5000)])),
            ("open nudges ≥ 1", new SegmentFilter(OpenNudges: new CountRange(Min: 1))),
            ("油皮 in 上海 of one owner, quiet for 30 days", new SegmentFilter(Tags: new TagCondition(All: ["油皮"]), Owners: ["s4"],
                LastInteraction: new InteractionCondition(NotWithinDays: 30), Fields: new Dictionary<string, string> { ["city"] = "上海" })),
            ("a team of five owners (s1-s5)", new SegmentFilter(Owners: FiveOwners)),
            ("油皮 in 上海 of five owners and the unowned", new SegmentFilter(Tags: new TagCondition(All: ["油皮"]), Owners: FiveOwners, Unowned: true,
                Fields: new Dictionary<string, string> { ["city"] = "上海" })),
        };
        output.WriteLine($"{Customers:N0} customers; {Requests} requests per route, one at a time after 5 warm-ups");
        foreach (var (name, filter) in filters)
        {
            var segment = await segments.CreateAsync(new(name, filter));
            var exact = await _database.ScalarAsync<long>(ExactCountSql(name));
            var counts = new List<SegmentCount>();
            await MeasureAsync($"count ({name})", async () => counts.Add(await segments.CountAsync(segment.SegmentId)));
            foreach (var c in counts.Where(c => c.Exact)) Assert.Equal(exact, c.Count);
            var estimates = counts.Where(c => !c.Exact).Select(c => c.Count).ToList();
            output.WriteLine($"  {exact:N0} members; {counts.Count - estimates.Count} of {counts.Count} counts exact"
                + (estimates.Count > 0 ? $", estimates {estimates.Min():N0}-{estimates.Max():N0} ({100.0 * (estimates.Min() - exact) / exact:+0.0;-0.0} to {100.0 * (estimates.Max() - exact) / exact:+0.0;-0.0} %)" : ""));
            await MeasureAsync($"first page of 100 ({name})", async () =>
                Assert.Equal((int)Math.Min(exact, 100), (await segments.ListMembersAsync(segment.SegmentId, limit: 100)).Items.Count));
        }
    }

    /// <summary>The exact count of each measured filter, written out here rather than compiled by the code under measurement.</summary>
    private static string ExactCountSql(string name) => "SELECT count(*) FROM pdg_customer_directory d JOIN pdg_customer_activity a USING (tenant, customer_id) WHERE tenant = 'big'" + name switch
    {
        "the whole tenant" => "",
        "one tag (VIP)" => " AND 'VIP' = ANY(tags)",
        "a tag and a tier (油皮, SuperUser)" => " AND '油皮' = ANY(tags) AND tier = 'SuperUser'",
        "one owner (s4)" => " AND d.owner = 's4'",
        "no interaction for 30 days" => " AND NOT coalesce(last_interaction_at >= now() - interval '30 days', false)",
        "lifetime value CNY 1,000-5,000" => " AND coalesce((lifetime_value ->> 'CNY')::numeric, 0) BETWEEN 1000 AND 5000",
        "open nudges ≥ 1" => " AND open_nudges >= 1",
        "a team of five owners (s1-s5)" => " AND d.owner IN ('s1', 's2', 's3', 's4', 's5')",
        "油皮 in 上海 of five owners and the unowned" => " AND '油皮' = ANY(tags) AND (d.owner IN ('s1', 's2', 's3', 's4', 's5') OR d.owner IS NULL) AND fields ->> 'city' = '上海'",
        _ => " AND '油皮' = ANY(tags) AND d.owner = 's4' AND NOT coalesce(last_interaction_at >= now() - interval '30 days', false) AND fields ->> 'city' = '上海'",
    };

    private async Task MeasureAsync(string route, Func<Task> request)
    {
        for (var i = 0; i < 5; i++) await request(); // warm-up: JIT, plans, caches
        var ms = new double[Requests];
        for (var i = 0; i < Requests; i++)
        {
            var watch = Stopwatch.StartNew();
            await request();
            ms[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(ms);
        output.WriteLine($"{route}: median {ms[Requests / 2]:F1} ms, p95 {ms[(int)(Requests * 0.95)]:F1} ms, max {ms[^1]:F1} ms");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }
}
