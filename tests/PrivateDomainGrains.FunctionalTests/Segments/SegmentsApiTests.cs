using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Segments;

/// <summary>
/// Segments through the SDK against a real node and PostgreSQL: generated filters select exactly the customers an
/// in-memory reading of the same filter selects, counts and pages agree, saved segments are edited and deleted, bad
/// filters are refused naming the field by JSON path, and the directory values come from the customers' own events.
/// </summary>
public sealed class SegmentsApiTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "segments"));
        _api = new PlatformClient(_node.BaseAddress);
        await _api.ProvisionAsync("seg");
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("alice", PlatformClient.StaffPassword, Team: "north"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("bob", PlatformClient.StaffPassword, Team: "north"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("carol", PlatformClient.StaffPassword, Team: "south"));
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static readonly Dictionary<string, string> Teams = new() { ["alice"] = "north", ["bob"] = "north", ["carol"] = "south" };

    [Fact]
    public async Task Generated_filters_select_exactly_the_customers_an_in_memory_reading_selects_and_saved_ones_page_through_the_same_members()
    {
        var population = new SegmentPopulation(1500, seed: 17);
        await population.InsertAsync(_database.ConnectionString, "seg");
        var random = new Random(4);
        var nonEmpty = 0;
        for (var i = 0; i < 150; i++)
        {
            var filter = SegmentPopulation.RandomFilter(random, population.Base);
            var preview = await _api.Api.Segments.PreviewAsync(new SegmentPreviewRequest(filter, Limit: 10));
            var expected = population.Rows.Where(r => SegmentPopulation.Matches(filter, r, preview.At, Teams)).Select(r => r.CustomerId).Order(StringComparer.Ordinal).ToList();
            // Exact unless counting took longer than its budget (a stall of the machine): then the estimate, whose sample
            // is the whole of so small a directory, is the exact count to two significant figures.
            var counted = preview.Exact ? expected.Count : TwoSignificantFigures(expected.Count);
            Assert.True(counted == preview.Count, $"filter {i}: {preview.Count} counted (exact: {preview.Exact}), {expected.Count} expected");
            Assert.Equal(expected.Take(10), preview.Items.Select(m => m.CustomerId));
            if (expected.Count > 0) nonEmpty++;

            if (i % 10 != 0) continue;
            var saved = await _api.Api.Segments.CreateAsync(new SegmentRequest($"generated {i}", filter));
            var count = await _api.Api.Segments.CountAsync(saved.SegmentId);
            Assert.Equal(count.Exact ? expected.Count : TwoSignificantFigures(expected.Count), count.Count);
            var members = new List<string>();
            string? cursor = null;
            do
            {
                var page = await _api.Api.Segments.ListMembersAsync(saved.SegmentId, cursor, limit: 37);
                members.AddRange(page.Items.Select(m => m.CustomerId));
                cursor = page.Next;
            } while (cursor is not null);
            Assert.Equal(expected, members);
        }
        // The generator must reach both sides: a property that only ever compares empty sets proves nothing.
        Assert.InRange(nonEmpty, 30, 149);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the sample reads the activity of the sampled rows that meet the directory's conditions
    public async Task A_count_that_cannot_finish_within_its_budget_is_taken_from_a_sample_which_for_a_small_directory_is_all_of_it_and_exact(bool quietFor30Days)
    {
        var population = new SegmentPopulation(2000, seed: 23);
        await population.InsertAsync(_database.ConnectionString, "seg");
        var filter = new SegmentFilter(Tags: new TagCondition(Any: ["VIP"]), Rfm: new RfmCondition(Frequency: new CountRange(Min: 1)),
            LastInteraction: quietFor30Days ? new InteractionCondition(NotWithinDays: 30) : null);
        var saved = await _api.Api.Segments.CreateAsync(new SegmentRequest("VIP buyers", filter));
        var expected = population.Rows.Count(r => SegmentPopulation.Matches(filter, r, DateTimeOffset.UtcNow, Teams));
        Assert.InRange(expected, 100, 1000);
        var unhindered = await _api.Api.Segments.CountAsync(saved.SegmentId);
        Assert.Equal(unhindered.Exact ? expected : TwoSignificantFigures(expected), unhindered.Count);

        var estimate = await CountPastItsBudgetAsync(saved.SegmentId);

        // The sample of a directory this small is all of it: it counted every member.
        Assert.Equal((true, expected), (estimate.Exact, estimate.Count));
        var page = await _api.Api.Segments.ListMembersAsync(saved.SegmentId, limit: 500);
        Assert.Equal(expected, page.Items.Count + (page.Next is null ? 0 : (await _api.Api.Segments.ListMembersAsync(saved.SegmentId, page.Next, limit: 500)).Items.Count));
    }

    [Fact]
    public async Task An_estimate_made_before_the_directory_was_analysed_again_after_a_bulk_load_counts_the_rows_it_holds_now()
    {
        // Analysed while the directory held another tenant's 3,000 customers; then 20,000 more of this one, not analysed
        // (autovacuum off for it, as it would be for the minute after a bulk load): well over the pages one sample reads
        // (12,000 filled about as many as a sample reads, and a sample of the whole table is an exact count).
        await _database.ExecuteAsync("ALTER TABLE pdg_customer_directory SET (autovacuum_enabled = false)");
        await new SegmentPopulation(3000, seed: 41).InsertAsync(_database.ConnectionString, "seg-other");
        await _database.ExecuteAsync("ANALYZE pdg_customer_directory");
        var population = new SegmentPopulation(20_000, seed: 43);
        await population.InsertAsync(_database.ConnectionString, "seg");
        // PostgreSQL's running count of live rows takes the insert once its session reports (within seconds).
        for (var deadline = DateTime.UtcNow.AddSeconds(30); await LiveRowsAsync() < 23_000 && DateTime.UtcNow < deadline;) await Task.Delay(200);
        var filter = new SegmentFilter(Owners: ["alice", "bob"]);
        var saved = await _api.Api.Segments.CreateAsync(new SegmentRequest("north", filter));
        var expected = population.Rows.Count(r => SegmentPopulation.Matches(filter, r, DateTimeOffset.UtcNow, Teams));

        var estimate = await CountPastItsBudgetAsync(saved.SegmentId);

        // Scaled by the 3,000 rows of the last analysis it said about an eighth of the truth. A block sample of a half to
        // two thirds of a table whose tenants lie in runs of blocks is within a few tens of percent.
        Assert.False(estimate.Exact);
        Assert.InRange(estimate.Count, expected * 0.6, expected * 1.4);
    }

    /// <summary>
    /// Counts the segment while a lock held on the directory makes the exact count wait past its budget (lock waits
    /// count towards PostgreSQL's statement_timeout); once the request has given up on it and its sample waits too, the
    /// lock is let go, so the answer is the sample's.
    /// </summary>
    private async Task<SegmentCount> CountPastItsBudgetAsync(string segmentId)
    {
        await using var locker = new NpgsqlConnection(_database.ConnectionString);
        await locker.OpenAsync();
        await using var hold = await locker.BeginTransactionAsync();
        await using (var @lock = new NpgsqlCommand("LOCK TABLE pdg_customer_directory IN ACCESS EXCLUSIVE MODE", locker, hold)) await @lock.ExecuteNonQueryAsync();
        var counting = _api.Api.Segments.CountAsync(segmentId);
        // Watched from a connection of its own: a transaction sees pg_stat_activity as it was when it first looked.
        while (await _database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%TABLESAMPLE SYSTEM%'") == 0
            && !counting.IsCompleted)
            await Task.Delay(20);
        await hold.RollbackAsync();
        return await counting;
    }

    private Task<long> LiveRowsAsync() =>
        _database.ScalarAsync<long>("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'pdg_customer_directory'");

    [Fact]
    public async Task Members_of_several_owners_come_page_by_page_exactly_as_the_plain_query_lists_them()
    {
        var population = new SegmentPopulation(1500, seed: 31);
        await population.InsertAsync(_database.ConnectionString, "seg");
        // A manager of north sees the customers of alice, bob and their own (none) and the unowned.
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("mona", PlatformClient.StaffPassword, Role: "manager", Team: "north"));
        var admin = _api.Api.Segments;
        var manager = _api.Api.WithConsoleToken(await _api.ConsoleTokenAsync("mona")).Workbench.Segments;
        var cases = new (string Name, SegmentsClient Segments, SegmentFilter Filter, string Plain)[]
        {
            ("two owners", admin, new(Owners: ["alice", "carol"]), "d.owner IN ('alice', 'carol')"),
            ("a team", admin, new(Teams: ["north"]), "d.owner IN ('alice', 'bob', 'mona')"),
            ("owners and the unowned, VIP", admin, new(Tags: new(Any: ["VIP"]), Owners: ["bob", "carol"], Unowned: true),
                "(d.owner IN ('bob', 'carol') OR d.owner IS NULL) AND 'VIP' = ANY(d.tags)"),
            ("the unowned, quiet for 30 days", admin, new(Unowned: true, LastInteraction: new(NotWithinDays: 30)),
                "d.owner IS NULL AND NOT coalesce(a.last_interaction_at >= now() - interval '30 days', false)"),
            ("a manager's 油皮", manager, new(Tags: new(All: ["油皮"])), "(d.owner IN ('alice', 'bob', 'mona') OR d.owner IS NULL) AND '油皮' = ANY(d.tags)"),
            ("a manager's pick in and out of the team, and the unowned", manager, new(Owners: ["alice", "carol"], Unowned: true),
                "(d.owner = 'alice' OR d.owner IS NULL)"),
        };
        foreach (var (name, segments, filter, plain) in cases)
        {
            var expected = await IdsAsync("SELECT d.customer_id FROM pdg_customer_directory d LEFT JOIN pdg_customer_activity a USING (tenant, customer_id) " +
                $"WHERE d.tenant = 'seg' AND {plain} ORDER BY d.customer_id");
            Assert.True(expected.Count >= 40, $"{name}: {expected.Count} members, too few to page");
            var saved = await segments.CreateAsync(new SegmentRequest(name, filter));
            foreach (var limit in new[] { 7, 100 })
            {
                var pages = new List<string>();
                string? cursor = null;
                do
                {
                    var page = await segments.ListMembersAsync(saved.SegmentId, cursor, limit);
                    pages.Add($"{name}: {string.Join(" ", page.Items.Select(m => m.CustomerId))}");
                    cursor = page.Next;
                } while (cursor is not null);
                // The same pages: each the next members in id order, the last one's cursor null.
                Assert.Equal(expected.Chunk(limit).Select(ids => $"{name}: {string.Join(" ", ids)}"), pages);
            }
        }
    }

    private async Task<List<string>> IdsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static long TwoSignificantFigures(long value)
    {
        if (value < 100) return value;
        var unit = (long)Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return (long)Math.Round((double)value / unit, MidpointRounding.ToEven) * unit;
    }

    [Fact]
    public async Task A_segment_is_saved_listed_replaced_and_deleted_and_its_members_show_their_values()
    {
        var population = new SegmentPopulation(300, seed: 5);
        await population.InsertAsync(_database.ConnectionString, "seg");
        var vip = new SegmentFilter(Tags: new TagCondition(Any: ["VIP"]), Rfm: new RfmCondition(Frequency: new CountRange(Min: 1)));
        var created = await _api.Api.Segments.CreateAsync(new SegmentRequest("VIP buyers", vip, "VIP tag, at least one order"));
        Assert.Equal((1, "VIP buyers", "VIP tag, at least one order"), (created.Version, created.Name, created.Description));
        Assert.Contains(created.SegmentId, (await _api.Api.Segments.ListAsync()).Select(s => s.SegmentId));

        var page = await _api.Api.Segments.ListMembersAsync(created.SegmentId, limit: 500);
        var first = population.Rows.Single(r => r.CustomerId == page.Items[0].CustomerId);
        Assert.Equal((first.Orders, first.MonetaryScore, first.LifetimeValue.Count), (page.Items[0].Orders, page.Items[0].Rfm.Monetary, page.Items[0].LifetimeValue.Count));
        Assert.All(page.Items, m => Assert.True(m.Tags.Contains("VIP") && m.Orders > 0 && m.Rfm.Frequency > 0));

        var replaced = await _api.Api.Segments.ReplaceAsync(created.SegmentId, new SegmentRequest("VIP in 上海", vip with { Fields = new Dictionary<string, string> { ["city"] = "上海" } }));
        Assert.Equal((2, "VIP in 上海", "上海"), (replaced.Version, replaced.Name, replaced.Filter.Fields!["city"]));
        Assert.Equal(population.Rows.Count(r => r.Tags.Contains("VIP") && r.Orders > 0 && r.Fields.GetValueOrDefault("city") == "上海"),
            (await _api.Api.Segments.CountAsync(created.SegmentId)).Count);

        await _api.Api.Segments.DeleteAsync(created.SegmentId);
        Assert.Null(await _api.Api.Segments.GetAsync(created.SegmentId));
        var gone = await Assert.ThrowsAsync<PlatformApiException>(() => _api.Api.Segments.CountAsync(created.SegmentId));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Only_its_creator_or_an_admin_changes_or_deletes_a_segment_in_the_console_and_other_managers_read_it()
    {
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("mona", PlatformClient.StaffPassword, Role: "manager", Team: "north"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("max", PlatformClient.StaffPassword, Role: "manager", Team: "south"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("ada", PlatformClient.StaffPassword, Role: "admin"));
        var mona = _api.Api.WithConsoleToken(await _api.ConsoleTokenAsync("mona")).Workbench.Segments;
        var max = _api.Api.WithConsoleToken(await _api.ConsoleTokenAsync("max")).Workbench.Segments;
        var ada = _api.Api.WithConsoleToken(await _api.ConsoleTokenAsync("ada")).Workbench.Segments;
        var filter = new SegmentFilter(Owners: ["alice"]);

        var created = await mona.CreateAsync(new SegmentRequest("mona's", filter));
        var replace = await Assert.ThrowsAsync<PlatformApiException>(() => max.ReplaceAsync(created.SegmentId, new SegmentRequest("max's", filter)));
        var delete = await Assert.ThrowsAsync<PlatformApiException>(() => max.DeleteAsync(created.SegmentId));

        Assert.Equal("mona", created.CreatedBy);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (replace.StatusCode, delete.StatusCode));
        Assert.Contains("'mona'", replace.Problem!.Detail);
        Assert.Equal((1, "mona's"), ((await max.GetAsync(created.SegmentId))!.Version, (await max.GetAsync(created.SegmentId))!.Name));
        var byAdmin = await ada.ReplaceAsync(created.SegmentId, new SegmentRequest("renamed by ada", filter));
        Assert.Equal((2, "mona"), (byAdmin.Version, byAdmin.CreatedBy));
        Assert.Equal(3, (await mona.ReplaceAsync(created.SegmentId, new SegmentRequest("mona's again", filter))).Version);
        await mona.DeleteAsync(created.SegmentId);
        Assert.Null(await _api.Api.Segments.GetAsync(created.SegmentId));

        // One made with the integration key has no creator: from the console, admins change it.
        var byKey = await _api.Api.Segments.CreateAsync(new SegmentRequest("by key", filter));
        Assert.Null(byKey.CreatedBy);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<PlatformApiException>(() => mona.DeleteAsync(byKey.SegmentId))).StatusCode);
        await ada.DeleteAsync(byKey.SegmentId);
        Assert.Null(await _api.Api.Segments.GetAsync(byKey.SegmentId));
        // Nor can the key name one in the query string, which would hand the segment to that staff member.
        using var named = await _api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{_api.Tenant}/segments?createdBy=mona",
            new { name = "named", filter = new { owners = new[] { "alice" } } }, _api.ApiKey);
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        Assert.Null((string?)(await named.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["createdBy"]);
    }

    public static readonly (string Body, string Path)[] BadSegments =
    [
        ("""{"name":"x","filter":{"tiers":["Gold"]}}""", "$.filter.tiers[0]"),
        ("""{"name":"x","filter":{"rfm":{"recency":{"min":6}}}}""", "$.filter.rfm.recency.min"),
        ("""{"name":"x","filter":{"rfm":{"frequency":{"min":4,"max":2}}}}""", "$.filter.rfm.frequency.max"),
        ("""{"name":"x","filter":{"lifetimeValue":[{"currency":"cny","min":1}]}}""", "$.filter.lifetimeValue[0].currency"),
        ("""{"name":"x","filter":{"lastInteraction":{"withinDays":0}}}""", "$.filter.lastInteraction.withinDays"),
        ("""{"name":"x","filter":{"tags":{"any":[""]}}}""", "$.filter.tags.any[0]"),
        ("""{"name":"x","filter":{"owners":["a b"]}}""", "$.filter.owners[0]"),
        ("""{"name":"x","filter":{"openNudges":{"min":"many"}}}""", "$.filter.openNudges.min"),
        ("""{"name":"x","filter":{"tier":["Repeat"]}}""", "$.filter.tier"),
        ("""{"name":"","filter":{}}""", "$.name"),
        ("""{"name":"n\ud800","filter":{}}""", "$.name"),
        ("""{"name":"a\u0007b","filter":{}}""", "$.name"),
        ("""{"name":"a\u202eb","filter":{}}""", "$.name"),
        ("""{"name":"x","description":"\udc00","filter":{}}""", "$.description"),
        ("""{"name":"x","filter":{"lastInteraction":{"before":"2026-11-01T00:00:00"}}}""", "$.filter.lastInteraction.before"),
        ("""{"name":"x","filter":{"lastInteraction":{"after":"2026-11-01"}}}""", "$.filter.lastInteraction.after"),
        ("""{"name":"x","filter":{"unowned":"yes"}}""", "$.filter.unowned"),
        ("""{"name":"x"}""", "$.filter"),
    ];

    [Fact]
    public async Task A_bad_segment_is_a_400_naming_the_field_by_json_path_and_nothing_is_stored()
    {
        foreach (var (body, path) in BadSegments)
        {
            using var answer = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/seg/segments", body, _api.ApiKey);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var problem = await answer.Content.ReadAsStringAsync();
            Assert.True(problem.Contains($"\"{path}\"", StringComparison.Ordinal), $"{body}: {problem}");
            if (!path.StartsWith("$.filter", StringComparison.Ordinal)) continue;
            using var preview = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/seg/segments/preview", body.Replace("\"name\":\"x\",", ""), _api.ApiKey);
            Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
            Assert.Contains($"\"{path}\"", await preview.Content.ReadAsStringAsync());
        }
        foreach (var limit in new[] { "\"abc\"", "true", "[1]", "1.5", "1e30" })
        {
            using var preview = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/seg/segments/preview", $"{{\"filter\":{{}},\"limit\":{limit}}}", _api.ApiKey);
            Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
            Assert.Contains("\"$.limit\"", await preview.Content.ReadAsStringAsync());
        }
        Assert.Empty(await _api.Api.Segments.ListAsync());
    }

    [Fact]
    public async Task A_filter_naming_an_owner_team_or_custom_field_the_tenant_does_not_know_is_a_400_naming_each_by_json_path()
    {
        await new SegmentPopulation(50, seed: 9).InsertAsync(_database.ConnectionString, "seg");
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            // An owner only the directory knows (a staff member of WeCom never added to the roster) is still an owner.
            await using var command = new NpgsqlCommand("UPDATE pdg_customer_directory SET owner = 'wecom-only' WHERE tenant = 'seg' AND customer_id = 'c00001'", connection);
            await command.ExecuteNonQueryAsync();
        }
        await _api.Api.Playbook.PutAsync("""
            { "rules": [ { "id": "zodiac", "trigger": { "kind": "event", "event": "order.paid" },
                           "actions": [ { "kind": "setField", "field": "星座", "value": "leo" } ] } ] }
            """);
        const string Bad = """
            {"name":"x","filter":{"owners":["alice","ghost","wecom-only"],"teams":["north","nowhere"],
             "fields":{"city":"上海","星座":"leo","mood":"happy"},"rfm":{"recency":{"min":1.5}}}}
            """;

        using var answer = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/seg/segments", Bad, _api.ApiKey);
        var problem = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(["$.filter.rfm.recency.min"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("must be a whole number from 0 to 5", problem.GetProperty("errors").GetProperty("$.filter.rfm.recency.min")[0].GetString());
        using var named = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/seg/segments", Bad.Replace("1.5", "1"), _api.ApiKey);
        var errors = System.Text.Json.JsonDocument.Parse(await named.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Equal(["$.filter.fields.mood", "$.filter.owners[1]", "$.filter.teams[1]"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("'ghost'", errors.GetProperty("$.filter.owners[1]")[0].GetString());
        Assert.Empty(await _api.Api.Segments.ListAsync());
        var known = new SegmentFilter(Owners: ["alice", "carol", "wecom-only"], Teams: ["south"], Fields: new Dictionary<string, string> { ["city"] = "上海", ["星座"] = "leo" });
        Assert.Equal(known.Owners, (await _api.Api.Segments.CreateAsync(new SegmentRequest("known", known))).Filter.Owners);
    }

    [Fact]
    public async Task The_directory_holds_each_customers_lifetime_value_per_currency_and_scores_from_its_own_events()
    {
        var now = DateTimeOffset.UtcNow;
        await _api.PostEventsAsync(
            Events.FriendAdded("d-1", "big-spender", "alice", at: now.AddDays(-20)),
            Events.OrderPaid("d-2", "big-spender", "o-1", 6000m, at: now.AddDays(-10)),
            Events.OrderPaid("d-3", "big-spender", "o-2", 300m, "USD", at: now.AddDays(-9)),
            Events.FriendAdded("d-4", "small-spender", "bob", at: now.AddDays(-20)),
            Events.OrderPaid("d-5", "small-spender", "o-3", 50m, at: now.AddDays(-200)));

        var richInCny = await _api.Api.Segments.PreviewAsync(new(new SegmentFilter(LifetimeValue: [new MoneyRange("CNY", Min: 5000)])));
        var member = Assert.Single(richInCny.Items);
        Assert.Equal(("big-spender", 6000m, 300m), (member.CustomerId, member.LifetimeValue["CNY"], member.LifetimeValue["USD"]));
        Assert.Equal(new RfmView(5, 2, 4), member.Rfm);
        // The dollars are not yuan: 300 USD does not make anyone a 300-yuan customer.
        Assert.Equal(["small-spender"], (await _api.Api.Segments.PreviewAsync(new(new SegmentFilter(LifetimeValue: [new MoneyRange("CNY", Max: 300)])))).Items.Select(m => m.CustomerId));
        Assert.Equal(["small-spender"], (await _api.Api.Segments.PreviewAsync(new(new SegmentFilter(Rfm: new RfmCondition(Recency: new CountRange(Max: 2)))))).Items.Select(m => m.CustomerId));
        Assert.Equal(["big-spender"], (await _api.Api.Segments.PreviewAsync(new(new SegmentFilter(Teams: ["north"], Rfm: new RfmCondition(Frequency: new CountRange(Min: 2)))))).Items.Select(m => m.CustomerId));
    }
}
