using Npgsql;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Migration 0062 on identity-import rows stored before they were masked: each one the job is done with keeps its value
/// masked as <see cref="IdentityMask"/> masks it, a conflict's reason with it, and a refused row's invalid customer id
/// and unknown kind; a pending row (its job still adds it) is left as it is; running it again changes nothing.
/// </summary>
public sealed class IdentityImportRowsMaskTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        foreach (var script in SchemaMigrator.Scripts.Where(s => string.CompareOrdinal(s.Version, "0062") < 0))
            await ExecuteAsync(script.Sql);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Migration_0062_masks_the_rows_stored_before_as_the_import_masks_them_now_and_again_changes_nothing()
    {
        await ExecuteAsync("""
            INSERT INTO pdg_identity_import_rows (tenant, job_id, line, customer_id, kind, value, state, field, reason) VALUES
            ('acme', 'j', 2, 'c1', 'phone', '+8613800138000', 'pending', NULL, NULL),
            ('acme', 'j', 3, 'c1', 'phone', '+8613800138001', 'added', NULL, NULL),
            ('acme', 'j', 4, 'c1', 'nickname', '小李🌸x', 'refused', 'kind', 'weak'),
            ('acme', 'j', 5, 'c1', '13300133402', 'phone', 'refused', 'kind', 'not a kind'),
            ('acme', 'j', 6, '133 0013 3403', 'email', '李', 'refused', 'customerId', 'not an id'),
            ('acme', 'j', 7, 'c2', 'unionid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'conflict', 'value',
                'unionid ''oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'' already names customer ''c3'''),
            ('acme', 'j', 8, 'c1', 'openid:wx1234', 'ab', 'refused', 'value', 'not an id'),
            ('acme', 'j', 9, NULL, NULL, NULL, 'refused', 'line', 'not json')
            """);
        var script = SchemaMigrator.Scripts.Single(s => s.Version == "0062_identity_import_rows_masked").Sql;

        await ExecuteAsync(script);
        var once = await RowsAsync();
        await ExecuteAsync(script);

        Assert.Equal([
                (2L, "c1", "phone", "+8613800138000", null),
                (3L, "c1", "phone", IdentityMask.Of("+8613800138001"), null),
                (4L, "c1", "nickname", IdentityMask.Of("小李🌸x"), "weak"),
                (5L, "c1", IdentityMask.Of("13300133402"), IdentityMask.Of("phone"), "not a kind"),
                (6L, IdentityMask.Of("133 0013 3403"), "email", IdentityMask.Of("李"), "not an id"),
                (7L, "c2", "unionid", "oUpF********************eS6o", "unionid 'oUpF********************eS6o' already names customer 'c3'"),
                (8L, "c1", "openid:wx1234", "**", "not an id"),
                (9L, null, null, null, "not json"),
            ],
            once);
        Assert.Equal(("小**x", "13*******02", "133*******403", "*"), (once[2].Value, once[3].Kind, once[4].CustomerId, once[4].Value));
        Assert.Equal(once, await RowsAsync());
    }

    private async Task<List<(long Line, string? CustomerId, string? Kind, string? Value, string? Reason)>> RowsAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT line, customer_id, kind, value, reason FROM pdg_identity_import_rows ORDER BY line");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string?, string?, string?, string?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4)));
        return rows;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
