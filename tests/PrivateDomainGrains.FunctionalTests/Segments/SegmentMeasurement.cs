using System.Diagnostics;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Segments;

/// <summary>
/// A measurement driver, not a speed assertion: one tenant's directory of many customers (PDG_SEGMENT_MEASURE_CUSTOMERS,
/// 100,000 by default, fit for CI; the figure is at 1,000,000), written straight into
/// <c>pdg_customer_directory</c> (30 staff, 5 tags spread unevenly, tiers, orders, lifetime values in two currencies,
/// a city field), then a broad, a middling and a narrow saved segment counted and their first page read over HTTP, one
/// request at a time. It asserts only that every answer was right in shape; median, p95 and spread per route go to the
/// test output (run with <c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class SegmentMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 100;
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
        // Customer i: owner s(i % 30), every 10th without one; tag VIP on 1 in 20, 新客 on 1 in 3, 油皮 on 1 in 7; orders 0-12,
        // the last one up to 500 days ago; CNY for all buyers, USD for 1 in 9; a city for 2 in 3.
        await using var insert = new NpgsqlCommand("""
            INSERT INTO pdg_customer_directory (tenant, customer_id, owner, display_name, tags, tier, status, last_interaction_at, open_nudges,
                orders, last_order_at, monetary_score, lifetime_value, fields)
            SELECT 'big', 'c' || lpad(i::text, 8, '0'), CASE WHEN i % 10 = 0 THEN NULL ELSE 's' || (i % 30) END, 'customer ' || i,
                array_remove(ARRAY[CASE WHEN i % 20 = 0 THEN 'VIP' END, CASE WHEN i % 3 = 0 THEN '新客' END, CASE WHEN i % 7 = 0 THEN '油皮' END], NULL),
                (ARRAY['Prospect', 'FirstPurchase', 'Repeat', 'SuperUser', 'Dormant'])[1 + i % 5], (ARRAY['Active', 'Active', 'Lost'])[1 + i % 3],
                now() - ((i::bigint * 7919) % (200 * 24)) * interval '1 hour', i % 4,
                o, CASE WHEN o > 0 THEN now() - ((i::bigint * 104729) % 500) * interval '1 day' END,
                CASE WHEN o = 0 THEN 0 WHEN v >= 10000 THEN 5 WHEN v >= 3000 THEN 4 WHEN v >= 1000 THEN 3 WHEN v >= 300 THEN 2 ELSE 1 END,
                CASE WHEN o = 0 THEN '{}'::jsonb WHEN i % 9 = 0 THEN jsonb_build_object('CNY', v, 'USD', v / 7) ELSE jsonb_build_object('CNY', v) END,
                CASE WHEN i % 3 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('city', (ARRAY['上海', '北京', '成都', '杭州'])[1 + i % 4]) END
            FROM generate_series(1, $1) AS i, LATERAL (SELECT (i * 31) % 13 AS o, ((i::bigint * 7907) % 15000)::numeric AS v) x
            """, connection) { CommandTimeout = 0 };
        insert.Parameters.Add(new() { Value = Customers });
        await insert.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE pdg_customer_directory", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
        output.WriteLine($"filled {Customers:N0} directory rows in {fill.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public async Task Segment_counts_and_first_pages_over_many_customers_one_request_at_a_time()
    {
        var segments = _api.Api.Segments;
        var broad = await segments.CreateAsync(new("buyers", new SegmentFilter(Rfm: new RfmCondition(Frequency: new CountRange(Min: 1)))));
        var middling = await segments.CreateAsync(new("recent VIP super users", new SegmentFilter(
            Tags: new TagCondition(Any: ["VIP"]), Rfm: new RfmCondition(Recency: new CountRange(Min: 3)), LifetimeValue: [new MoneyRange("CNY", Min: 1000)])));
        var narrow = await segments.CreateAsync(new("油皮 in 上海 of one owner, quiet for 30 days", new SegmentFilter(
            Tags: new TagCondition(All: ["油皮"]), Owners: ["s4"], LastInteraction: new InteractionCondition(NotWithinDays: 30),
            Fields: new Dictionary<string, string> { ["city"] = "上海" })));
        output.WriteLine($"{Customers:N0} customers; {Requests} requests per route, one at a time");

        foreach (var segment in new[] { broad, middling, narrow })
        {
            var count = (await segments.CountAsync(segment.SegmentId)).Count;
            output.WriteLine($"'{segment.Name}': {count:N0} members");
            await MeasureAsync($"GET segments/{{id}}/count ({segment.Name})", async () => Assert.Equal(count, (await segments.CountAsync(segment.SegmentId)).Count));
            await MeasureAsync($"GET segments/{{id}}/members first page of 100 ({segment.Name})", async () =>
                Assert.Equal((int)Math.Min(count, 100), (await segments.ListMembersAsync(segment.SegmentId, limit: 100)).Items.Count));
        }
    }

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
        output.WriteLine($"{route}: median {ms[Requests / 2]:F1} ms, p95 {ms[(int)(Requests * 0.95)]:F1} ms, min {ms[0]:F1}, max {ms[^1]:F1}");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }
}
