using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// The keys of minted customer ids in PostgreSQL: nodes that start at once, or later, or after a restart (each a fresh
/// <see cref="CustomerIdKeys"/>) mint the same id for the same identity, and each tenant its own.
/// </summary>
public sealed class CustomerIdKeysTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Nodes_making_a_tenants_first_key_at_once_and_a_node_started_later_mint_the_same_ids_and_another_tenant_others()
    {
        var phone = new CustomerIdentity("phone", "+8613901890019");

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await new CustomerIdKeys(_dataSource).MintAsync("acme")).For(phone)));
        var restarted = (await new CustomerIdKeys(_dataSource).MintAsync("acme")).For(phone);
        var other = (await new CustomerIdKeys(_dataSource).MintAsync("globex")).For(phone);

        var id = Assert.Single(racing.Distinct());
        Assert.Equal(id, restarted);
        Assert.NotEqual(id, other);
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_customer_id_keys"));
    }
}
