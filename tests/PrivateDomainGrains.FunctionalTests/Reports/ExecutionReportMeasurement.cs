using System.Diagnostics;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Persistence;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// A measurement driver, not a speed assertion: a tenant with many nudges over 30 days (PDG_REPORT_MEASURE_NUDGES,
/// 100,000 by default, fit for CI; 10,000,000 for the figure), 50 staff in 5 teams, 20 rules of which 2 under
/// test with a holdout, every staff member firing every rule every day (so the rollups hold a row per day, staff member,
/// rule and variant, about 36,000 for 30 days, and twice as many revenue rows in two currencies), every 47th nudge of
/// the last 3 days still open (older ones have expired, as open nudges do within their expiry), some snoozed. The
/// nudges are written straight into <c>pdg_nudges</c> with the rollups, their pre-summed levels and the customers
/// reached folded from them as the fold would and a few thousand deltas pending; then each report route is read <see cref="Requests"/> times one request at a time over
/// HTTP. It asserts only that every answer was a 200 with the nudges counted; median, p95 and spread per route go to
/// the test output (run with <c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class ExecutionReportMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 50;
    private static readonly int Nudges = int.TryParse(Environment.GetEnvironmentVariable("PDG_REPORT_MEASURE_NUDGES"), out var n) && n > 0 ? n : 100_000;

    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "report-measure"));
        _api = new PlatformClient(_node.BaseAddress);
        await _api.ProvisionAsync("big", "boss");
        await _api.Api.Staff.UpdateAsync("boss", new UpdateStaffRequest(Role: "manager", Team: "team-0"));
        for (var i = 0; i < 50; i++)
            await _api.Api.Staff.CreateAsync(new CreateStaffRequest($"s{i}", PlatformClient.StaffPassword, Team: $"team-{i % 5}"));
        var fill = Stopwatch.StartNew();
        await FillAsync();
        output.WriteLine($"filled {Nudges:N0} nudges, their rollups and 5,000 pending deltas in {fill.Elapsed.TotalSeconds:F0} s");
    }

    private async Task FillAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        // Nudge i: raised over the last 30 days, staff i % 50, rule (i / 50) % 20 (rules 0 and 1 under test, a third held
        // out), every 47th of the last 3 days still open (every 4th of those snoozed), the rest closed as done, not useful,
        // expired or by action.
        await using (var nudges = new NpgsqlCommand("""
            INSERT INTO pdg_nudges (tenant, nudge_id, staff_id, customer_id, kind, title, body, reason, priority, created_at, source, variant,
                raised_day, expires_at, acked_at, closed_how, snoozed_until, itt_replied_at)
            SELECT 'big', 'n' || i, 's' || (i % 50), 'c' || (i % 200000), 'follow-up', 'Follow up', 'Ask how it went', 'measure', 50,
                at, 'rule-' || rule,
                CASE WHEN rule < 2 THEN (ARRAY['a', 'b', 'holdout'])[1 + (i / 1000) % 3] END,
                (at AT TIME ZONE 'UTC')::date, at + interval '3 days',
                CASE WHEN open THEN NULL ELSE at + ((i % 7200) || ' seconds')::interval END,
                CASE WHEN open THEN NULL ELSE (ARRAY['done', 'not-useful', 'expired', 'done-by-action'])[1 + i % 4] END,
                CASE WHEN open AND i % 4 = 0 THEN now() + interval '1 hour' END,
                CASE WHEN i % 7 = 0 THEN at + interval '1 hour' END
            FROM generate_series(1, $1) AS i,
                LATERAL (SELECT now() - ((i::float8 / $1) * 30 * 86400 || ' seconds')::interval AS at, (i / 50) % 20 AS rule) t,
                LATERAL (SELECT i % 47 = 0 AND at > now() - interval '3 days' AS open) o
            """, connection) { CommandTimeout = 0 })
        {
            nudges.Parameters.Add(new() { Value = Nudges });
            await nudges.ExecuteNonQueryAsync();
        }
        await using var rollups = new NpgsqlCommand("""
            INSERT INTO pdg_execution_daily (tenant, day, staff_id, source, variant, raised, delivered, opened, done, not_useful, done_by_action,
                expired, obsolete, holdout, itt_replies, act_b0, act_b5, act_b6)
            SELECT tenant, raised_day, staff_id, source, coalesce(variant, ''), count(*), count(*), 0,
                count(*) FILTER (WHERE closed_how = 'done'), count(*) FILTER (WHERE closed_how = 'not-useful'),
                count(*) FILTER (WHERE closed_how = 'done-by-action'), count(*) FILTER (WHERE closed_how = 'expired'), 0,
                count(*) FILTER (WHERE variant = 'holdout'), count(itt_replied_at),
                count(*) FILTER (WHERE closed_how IN ('done', 'done-by-action') AND acked_at - created_at < interval '1 minute'),
                count(*) FILTER (WHERE closed_how IN ('done', 'done-by-action') AND acked_at - created_at BETWEEN interval '1 minute' AND interval '1 hour'),
                count(*) FILTER (WHERE closed_how IN ('done', 'done-by-action') AND acked_at - created_at > interval '1 hour')
            FROM pdg_nudges WHERE tenant = 'big' GROUP BY tenant, raised_day, staff_id, source, coalesce(variant, '');
            INSERT INTO pdg_execution_revenue (tenant, day, staff_id, source, variant, currency, attributed, itt)
            SELECT tenant, day, staff_id, source, variant, c, done * 3, done * 5 FROM pdg_execution_daily, unnest(ARRAY['CNY', 'USD']) c WHERE tenant = 'big';
            ANALYZE pdg_nudges; ANALYZE pdg_execution_daily; ANALYZE pdg_execution_revenue;
            """, connection) { CommandTimeout = 0 };
        await rollups.ExecuteNonQueryAsync();

        // The levels a tenant-wide report reads, and the customers reached (each customer's previous reached day per
        // level and group), as the fold writes them (ExecutionRollups, ExecutionReach).
        var counters = string.Join(", ", ExecutionRollups.Counters);
        const string level = "CASE WHEN GROUPING(staff_id) = 0 THEN 'staff' WHEN GROUPING(source) = 0 THEN 'variant' ELSE 'day' END";
        const string kept = "coalesce(CASE WHEN GROUPING(staff_id) = 0 THEN staff_id END, ''), coalesce(CASE WHEN GROUPING(source) = 0 THEN source END, ''), "
            + "coalesce(CASE WHEN GROUPING(variant) = 0 THEN variant END, '')";
        await using var levels = new NpgsqlCommand($"""
            SET work_mem = '256MB';
            INSERT INTO pdg_execution_levels (level, tenant, day, staff_id, source, variant, {counters})
            SELECT {level}, tenant, day, {kept}, {string.Join(", ", ExecutionRollups.Counters.Select(c => $"sum({c})"))}
            FROM pdg_execution_daily WHERE tenant = 'big'
            GROUP BY GROUPING SETS ((tenant, day, staff_id), (tenant, day, source, variant), (tenant, day));
            INSERT INTO pdg_execution_level_revenue (level, tenant, day, staff_id, source, variant, currency, attributed, itt)
            SELECT {level}, tenant, day, {kept}, currency, sum(attributed), sum(itt) FROM pdg_execution_revenue WHERE tenant = 'big'
            GROUP BY GROUPING SETS ((tenant, day, staff_id, currency), (tenant, day, source, variant, currency), (tenant, day, currency));
            INSERT INTO pdg_execution_reached (tenant, level, day, since, staff_id, source, variant, customers)
            SELECT 'big', level, day, since, staff_id, source, variant, count(*) FROM (
                SELECT level, staff_id, source, variant, day,
                    greatest(lag(day) OVER (PARTITION BY customer_id, level, staff_id, source, variant ORDER BY day), day - {ExecutionReach.MaxDays}) AS since
                FROM (
                    SELECT DISTINCT r.customer_id, l.level, l.staff_id, l.source, l.variant, r.raised_day AS day
                    FROM pdg_nudges r CROSS JOIN LATERAL (VALUES ('tenant', '', '', ''), ('staff', r.staff_id, '', ''), ('rule', '', r.source, ''),
                        ('variant', '', r.source, coalesce(r.variant, '')), ('staff-rule', r.staff_id, r.source, ''),
                        ('staff-variant', r.staff_id, r.source, coalesce(r.variant, ''))) AS l(level, staff_id, source, variant)
                    WHERE r.tenant = 'big' AND r.closed_how IN ('done', 'done-by-action')) states) pairs
            GROUP BY level, day, since, staff_id, source, variant;
            ANALYZE pdg_execution_levels; ANALYZE pdg_execution_level_revenue; ANALYZE pdg_execution_reached;
            """, connection) { CommandTimeout = 0 };
        await levels.ExecuteNonQueryAsync();

        // The pending deltas last: the node folds them into the rollups and levels as they come, and a level row it made
        // first would collide with the plain inserts above.
        await using var deltas = new NpgsqlCommand("""
            INSERT INTO pdg_execution_deltas (tenant, day, staff_id, source, variant, metric)
            SELECT 'big', current_date, 's' || (i % 50), 'rule-' || (i % 20), '', (ARRAY['raised', 'delivered', 'done'])[1 + i % 3]
            FROM generate_series(1, 5000) i;
            ANALYZE pdg_execution_deltas;
            """, connection);
        await deltas.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Reports_over_30_days_of_many_nudges_one_request_at_a_time()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (from, to) = (today.AddDays(-30), today); // 30 times 24 hours back reach into a 31st calendar day
        var manager = await _api.ConsoleTokenAsync("boss");
        var reports = _api.Api.Reports;
        var rollupRows = await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_daily");
        output.WriteLine($"{Nudges:N0} nudges, {rollupRows:N0} rollup rows; {Requests} requests per route, one at a time");

        foreach (var groupBy in new[] { "staff", "team", "rule", "variant", "day" })
            await MeasureAsync($"GET reports/execution?groupBy={groupBy} (30 days)", async () =>
            {
                var report = await reports.GetExecutionAsync(from, to, groupBy);
                Assert.True(report.Total.Raised >= Nudges);
                Assert.InRange(report.Total.CustomersReached!.Value, 1, 200_000);
            });
        await MeasureAsync("GET console/reports/execution (manager, 30 days)", async () =>
        {
            var report = await reports.GetConsoleExecutionAsync(manager, from, to, "staff");
            Assert.Equal(10, report.Groups.Count); // team-0: s0, s5 ... s45 (the manager has nothing raised)
        });
        await MeasureAsync("GET reports/execution/overdue (limit 100)", async () =>
            Assert.Equal(100, (await reports.GetOverdueAsync()).Nudges.Count));
    }

    private async Task MeasureAsync(string route, Func<Task> request)
    {
        for (var i = 0; i < 10; i++) await request(); // warm-up: JIT, plans, caches
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
