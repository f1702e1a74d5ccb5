using System.Net;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// A customer's personal data on request (PIPL art. 45 and 47): exported as one document, erased from every table and
/// from memory, its later events refused, and every administrative step in the append-only audit log. A real node over
/// real PostgreSQL, read afterwards table by table.
/// </summary>
public sealed class PersonalDataTests : IAsyncLifetime
{
    private const string Erased = "erase-me-1f3a";
    private const string Kept = "keep-me-1f3a";

    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;

    private PlatformClient Api { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "pipl"));
        Api = new PlatformClient(_node.BaseAddress);
        await Api.ProvisionAsync("pipl", "alice", "bob");
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_export_holds_the_profile_the_complete_timeline_and_the_audit_entries_of_the_customer()
    {
        await using var alice = await ConsoleClient.ConnectAsync(_node.BaseAddress, await Api.ConsoleTokenAsync("alice"));
        await Api.PostEventsAsync(Events.FriendAdded("x-add", "export-me", "alice", nickname: "Li"), Events.MessageReceived("x-msg", "export-me", "hello"));
        var welcome = await alice.WaitForAsync(n => n.EventId == "x-add");
        Assert.Equal("closed", await alice.AckAsync(welcome.Id));
        await Api.Api.Customers.AddTagsAsync("export-me", ["vip"]);
        await Api.Api.Identities.AddAsync("export-me", new Dictionary<string, string> { ["phone"] = "+8613800001111" });

        var export = await Api.Api.PersonalData.ExportAsync("export-me");

        Assert.NotNull(export);
        Assert.Equal(("export-me", "alice", "Li"), (export.CustomerId, export.Profile!.Owner, export.Profile.Name));
        Assert.Equal(["x-add", "x-msg"], export.Timeline.Where(e => e.Kind == "event").Select(e => e.Id).Order());
        Assert.Contains(export.Timeline, e => e.Kind == "nudge-raised" && e.Id == welcome.Id);
        Assert.Contains(export.Timeline, e => e.Kind == "nudge-closed" && e.Id == welcome.Id && e.What == "done");
        Assert.Contains(export.Timeline, e => e.Kind == "change" && e.What == "tag-added" && e.Detail!.Contains("vip"));
        Assert.Equal(export.Timeline.OrderBy(e => e.At).Select(e => e.At), export.Timeline.Select(e => e.At));
        Assert.Equal(("phone", "+8613800001111"), (Assert.Single(export.Identities).Kind, export.Identities[0].Value));
        Assert.Equal([("Ack", "staff:alice"), ("AddTags", "api-key"), ("AddCustomerIdentities", "api-key")], export.Audit.Select(a => (a.Action, a.Actor)));
        Assert.All(export.Audit, a => Assert.Equal((200, "export-me"), (a.Status, a.CustomerId)));
        Assert.Contains(welcome.Id, export.Audit[0].Target);

        Assert.Null(await Api.Api.PersonalData.ExportAsync("never-seen"));
        var exported = (await Api.Api.Audit.ListAsync(customerId: "export-me")).Items[0];
        Assert.Equal(("ExportCustomerData", "admin-key", 200), (exported.Action, exported.Actor, exported.Status));
        Assert.NotNull(exported.RemoteAddress);
    }

    [Fact]
    public async Task Erasing_a_customer_leaves_no_row_naming_it_in_any_table_takes_its_nudges_off_the_console_and_refuses_its_later_events()
    {
        await using var alice = await ConsoleClient.ConnectAsync(_node.BaseAddress, await Api.ConsoleTokenAsync("alice"));
        await Api.PostEventsAsync(
            Events.FriendAdded("e-add", Erased, "alice", nickname: "Wang"), Events.MessageReceived("e-msg", Erased, "call me on 13812345678"),
            Events.FriendAdded("k-add", Kept, "alice"));
        var welcome = await alice.WaitForAsync(n => n.EventId == "e-add");
        var reply = await alice.WaitForAsync(n => n.EventId == "e-msg");
        Assert.Equal("closed", await alice.AckAsync(welcome.Id));
        await Api.Api.Customers.AddTagsAsync(Erased, ["vip"]);
        await Api.Api.Identities.AddAsync(Erased, new Dictionary<string, string> { ["phone"] = "+8613812345678", ["unionid"] = "o6_bmasdasdsad6_2sgVt7hMZOPfL" });
        Assert.True(await RowsNamingAsync(Erased) > 0);

        var report = await Api.Api.PersonalData.EraseAsync(Erased);

        Assert.Equal(2, report.Rows["pdg_event_journal"]);
        Assert.True(report.Rows["pdg_nudges"] >= 2);
        Assert.True(report.Rows["pdg_customer_changes"] >= 1);
        Assert.Equal(2, report.Rows["pdg_identities"]);
        Assert.Null(await Api.Api.Identities.LookupAsync("phone", "+8613812345678"));
        Assert.Equal(0, await RowsNamingAsync(Erased));
        Assert.True(await RowsNamingAsync(Kept) > 0);
        Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM pdg_customer_erasures WHERE customer_id = '{Erased}'"));
        // The open reply leaves the console; the done welcome was gone already.
        Assert.Equal("erased", (await alice.WaitForChangeAsync(c => c.Id == reply.Id)).Closed);

        // Nothing in memory either, and the integration still sending events cannot bring the customer back.
        Assert.Null(await Api.Api.Customers.GetAsync(Erased));
        var late = await Api.PostEventsAsync(Events.MessageReceived("e-late", Erased, "are you there?"));
        var refused = Assert.Single(late.Errors);
        Assert.Equal((409, "e-late"), (refused.Status, refused.EventId));
        Assert.Contains("erased", refused.Errors.Single());
        Assert.Equal(0, await RowsNamingAsync(Erased));
        Assert.Null(await Api.Api.PersonalData.ExportAsync(Erased));

        // Erasing again finds nothing; both are audited, the integration key may not erase.
        Assert.All((await Api.Api.PersonalData.EraseAsync(Erased)).Rows.Values, n => Assert.Equal(0, n));
        var denied = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{Api.Tenant}/customers/{Kept}/personal-data", null, Api.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        var audit = (await Api.Api.Audit.ListAsync(customerId: Erased)).Items;
        Assert.Equal([("EraseCustomerData", 200), ("ExportCustomerData", 404), ("EraseCustomerData", 200), ("AddCustomerIdentities", 200), ("AddTags", 200), ("Ack", 200)],
            audit.Select(a => (a.Action, a.Status)));
        Assert.All(audit.Take(3), a => Assert.Equal("admin-key", a.Actor));
        Assert.DoesNotContain((await Api.Api.Audit.ListAsync()).Items, a => a.CustomerId == Kept);
    }

    [Fact]
    public async Task Writes_naming_an_erased_customer_are_409_erased_and_bring_nothing_of_it_back()
    {
        const string Gone = "erase-writes-7c2e";
        await Api.PostEventsAsync(Events.FriendAdded("w-add", Gone, "alice", nickname: "Zhao"));
        await Api.Api.Customers.AddTagsAsync(Gone, ["vip"]);
        await Api.Api.PersonalData.EraseAsync(Gone);
        var path = $"/api/v1/tenants/{Api.Tenant}/customers/{Gone}";

        var writes = new[]
        {
            await Api.SendAsync(HttpMethod.Put, path + "/owner", new { staffId = "bob" }, Api.AdminKey),
            await Api.SendAsync(HttpMethod.Post, path + "/tags", new { tags = new[] { "vip" } }, Api.ApiKey),
            await Api.SendAsync(HttpMethod.Delete, path + "/tags", new { tags = new[] { "vip" } }, Api.ApiKey),
        };

        foreach (var write in writes)
        {
            Assert.Equal(HttpStatusCode.Conflict, write.StatusCode);
            var problem = await write.Content.ReadAsStringAsync();
            Assert.Contains("\"Erased\"", problem);
            Assert.Contains($"customer '{Gone}' was erased", problem);
        }
        Assert.Equal(0, await RowsNamingAsync(Gone));
        Assert.Null(await Api.Api.Customers.GetAsync(Gone));
        Assert.Null(await Api.Api.PersonalData.ExportAsync(Gone));
        // Nor through a console: the customer is nobody's to see, let alone to write to.
        var bob = Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("bob"));
        Assert.DoesNotContain((await bob.Workbench.ListCustomersAsync()).Items, c => c.CustomerId == Gone);
        var remark = await Api.SendAsync(HttpMethod.Put, $"/api/v1/console/customers/{Gone}/remark", new { remark = "call back" }, await Api.ConsoleTokenAsync("alice"));
        Assert.Equal(HttpStatusCode.NotFound, remark.StatusCode);
        Assert.Equal(0, await RowsNamingAsync(Gone));
    }

    [Fact]
    public async Task The_audit_log_refuses_changes_and_pages_newest_first()
    {
        await Api.PostEventsAsync(Events.FriendAdded("paged-add", "paged", "alice"));
        foreach (var tag in new[] { "a", "b", "c" }) await Api.Api.Customers.AddTagsAsync("paged", [tag]);
        var first = await Api.Api.Audit.ListAsync(limit: 2);
        var second = await Api.Api.Audit.ListAsync(before: first.NextBefore, limit: 2);
        var ids = first.Items.Concat(second.Items).Where(a => a.CustomerId == "paged").Select(a => a.Id).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE pdg_audit_log SET actor = 'someone-else'", "DELETE FROM pdg_audit_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText);
        }
        var bad = await Api.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Api.Tenant}/audit?limit=0", null, Api.AdminKey);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>
    /// Rows of every table in the database that name the customer anywhere: in any column as text, or inside any
    /// binary column (grain state) as UTF-8. The audit log and the record of erasures keep the id by design.
    /// </summary>
    private async Task<long> RowsNamingAsync(string customerId)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var columns = new NpgsqlCommand(
            "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) " +
            "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'", connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!tables.TryGetValue(table, out var binary)) tables[table] = binary = [];
                if (reader.GetString(2) == "bytea") binary.Add(reader.GetString(1));
            }
        }
        Assert.Contains("pdg_event_journal", tables.Keys);
        long found = 0;
        foreach (var (table, binary) in tables)
        {
            if (table is "pdg_audit_log" or "pdg_customer_erasures") continue;
            var inBinary = string.Concat(binary.Select(c => $" OR position(convert_to($1, 'UTF8') in r.\"{c}\") > 0"));
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" r WHERE strpos(r::text, $1) > 0{inBinary}", connection);
            count.Parameters.Add(new() { Value = customerId });
            found += (long)(await count.ExecuteScalarAsync())!;
        }
        return found;
    }
}
