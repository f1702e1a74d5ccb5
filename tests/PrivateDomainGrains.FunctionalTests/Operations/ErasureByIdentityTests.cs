using System.Net;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// Erasure of a customer named only by an identity (a phone in any spelling, a unionid), and the tombstone covering the
/// identities of an erased customer: later events naming one are refused instead of making the person a customer again.
/// </summary>
public sealed class ErasureByIdentityTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient Api { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "erase-id"));
        Api = new PlatformClient(_node.BaseAddress);
        await Api.ProvisionAsync("erase-id", "alice");
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static PostedEvent Named(string id, string type, string kind, string value) =>
        new(id, null, type, Channel: "wecom", StaffId: "alice", Identities: new Dictionary<string, string> { [kind] = value });

    [Fact]
    public async Task A_customer_named_by_a_phone_in_another_spelling_is_erased_and_events_naming_its_identities_are_refused()
    {
        Assert.Equal(2, (await Api.PostEventsAsync(Events.FriendAdded("li-add", "li", "alice"), Events.MessageReceived("li-msg", "li", "我的手机 13900001111"))).Accepted);
        // An event that named only the phone before li held it waited in the pool and was dismissed: it is li's data too.
        Assert.Single((await Api.PostEventsAsync(Named("li-pooled", "message.received", "phone", "13900001111"))).Pooled);
        await Api.Api.Identities.DismissPendingAsync("li-pooled");
        await Api.Api.Identities.AddAsync("li", new Dictionary<string, string> { ["phone"] = "+8613900001111", ["unionid"] = "o6_li_union" });

        var report = await Api.Api.PersonalData.EraseByIdentityAsync("phone", "139-0000-1111");

        Assert.Equal("li", report.CustomerId);
        Assert.Equal((2, 2, 1), (report.Rows["pdg_event_journal"], report.Rows["pdg_identities"], report.Rows["pdg_identity_pending"]));
        Assert.Null(await Api.Api.Identities.GetPendingAsync("li-pooled"));
        Assert.Null(await Api.Api.Customers.GetAsync("li"));
        Assert.Null(await Api.Api.Identities.LookupAsync("phone", "13900001111"));
        var audit = Assert.Single((await Api.Api.Audit.ListAsync(customerId: "li")).Items, a => a.Action == "EraseCustomerDataByIdentity");
        Assert.Equal(200, audit.Status);

        // The phone would create a customer and the unionid would wait in the pending pool: both refused.
        var later = await Api.PostEventsAsync(
            Named("li-back", "friend.added", "phone", "+86 139 0000 1111"),
            Named("li-union", "message.received", "unionid", "o6_li_union"),
            Named("zhao-add", "friend.added", "phone", "13900002222"));
        Assert.Equal((1, 2), (later.Accepted, later.Rejected));
        Assert.All(later.Errors, e => Assert.Equal(409, e.Status));
        Assert.All(later.Errors, e => Assert.Contains("erased", e.Errors.Single()));
        Assert.Empty(later.Pooled);
        Assert.Equal(2, later.Resolved.Single().Index);
        Assert.Null(await Api.Api.Identities.LookupAsync("phone", "13900001111"));
        Assert.NotNull(await Api.Api.Customers.GetAsync(later.Resolved.Single().CustomerId));

        // The tombstone keeps hashes, not the identities.
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE encode(identity_hash, 'escape') LIKE '%13900001111%') FROM pdg_identity_erasures WHERE tenant = 'erase-id'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((2L, 0L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task Erasing_by_customer_id_covers_its_identities_too()
    {
        await Api.PostEventsAsync(Events.FriendAdded("wang-add", "wang", "alice"));
        await Api.Api.Identities.AddAsync("wang", new Dictionary<string, string> { ["phone"] = "13700003333" });

        await Api.Api.PersonalData.EraseAsync("wang");

        var later = await Api.PostEventsAsync(Named("wang-back", "friend.added", "phone", "+8613700003333"));
        Assert.Equal((0, 1), (later.Accepted, later.Rejected));
        Assert.Equal(409, Assert.Single(later.Errors).Status);
    }

    [Fact]
    public async Task An_identity_that_names_no_customer_or_is_not_an_identity_is_refused_and_nothing_is_erased()
    {
        await Api.PostEventsAsync(Events.FriendAdded("chen-add", "chen", "alice"));
        await Api.Api.Identities.AddAsync("chen", new Dictionary<string, string> { ["phone"] = "13600004444" });

        var nobody = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.PersonalData.EraseByIdentityAsync("phone", "13600009999"));
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        foreach (var (kind, value, field) in new[] { ("nickname", "Chen", "kind"), ("fax", "123", "kind"), ("phone", "not-a-phone", "value") })
        {
            var refused = await Api.SendRawAsync(HttpMethod.Delete, $"/api/v1/tenants/{Api.Tenant}/identities/{kind}/{value}/personal-data", null, Api.AdminKey);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        }
        var integration = await Api.SendRawAsync(HttpMethod.Delete, $"/api/v1/tenants/{Api.Tenant}/identities/phone/13600004444/personal-data", null, Api.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, integration.StatusCode);

        Assert.Equal("chen", (await Api.Api.Identities.LookupAsync("phone", "13600004444"))!.CustomerId);
        Assert.Equal(1, (await Api.Api.Customers.GetAsync("chen"))!.Counters.Events);
    }
}
