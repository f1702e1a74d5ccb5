using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>A named, scoped API key as stored in <c>pdg_api_keys</c> (its hash, never the key).</summary>
public sealed record ApiKeyRow(
    string Tenant,
    string KeyId,
    string Name,
    string[] Scopes,
    byte[] KeyHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string? RotatedFrom)
{
    /// <summary>Open at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);
}

/// <summary><c>pdg_api_keys</c>: a tenant's named keys, created, listed, rotated (with an overlap) and revoked.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "tenant, key_id, name, scopes, key_hash, created_at, expires_at, revoked_at, last_used_at, rotated_from";

    public async Task<ApiKeyRow> CreateAsync(string tenant, string keyId, string name, string[] scopes, byte[] keyHash, DateTimeOffset? expiresAt,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO pdg_api_keys (tenant, key_id, name, scopes, key_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(keyId);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(scopes);
        command.Parameters.AddWithValue(keyHash);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return (await ReadAsync(command, ct))[0];
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(string tenant, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_api_keys WHERE tenant = $1 ORDER BY created_at, key_id");
        command.Parameters.AddWithValue(tenant);
        return await ReadAsync(command, ct);
    }

    public async Task<ApiKeyRow?> GetAsync(string tenant, string keyId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_api_keys WHERE tenant = $1 AND key_id = $2");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(keyId);
        return (await ReadAsync(command, ct)).FirstOrDefault();
    }

    /// <summary>Keys of the tenant that are open now (for the cap on how many a tenant may have).</summary>
    public async Task<int> CountActiveAsync(string tenant, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM pdg_api_keys WHERE tenant = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())");
        command.Parameters.AddWithValue(tenant);
        return (int)(long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// In one transaction: a new key with the old one's name and scopes (and expiry), and the old one closing after
    /// <paramref name="overlap"/> (sooner if it already would). Null when the old key does not exist or is closed.
    /// </summary>
    public async Task<(ApiKeyRow Old, ApiKeyRow New)?> RotateAsync(string tenant, string oldKeyId, string newKeyId, byte[] newKeyHash, TimeSpan overlap,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var close = new NpgsqlCommand($"""
            UPDATE pdg_api_keys SET expires_at = least(coalesce(expires_at, 'infinity'), now() + $3)
            WHERE tenant = $1 AND key_id = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
            RETURNING {Columns}
            """, connection, transaction);
        close.Parameters.AddWithValue(tenant);
        close.Parameters.AddWithValue(oldKeyId);
        close.Parameters.AddWithValue(overlap);
        var closed = (await ReadAsync(close, ct)).FirstOrDefault();
        if (closed is null) return null;
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO pdg_api_keys (tenant, key_id, name, scopes, key_hash, expires_at, rotated_from)
            SELECT tenant, $3, name, scopes, $4, CASE WHEN expires_at > now() + $5 THEN expires_at END, key_id FROM pdg_api_keys WHERE tenant = $1 AND key_id = $2
            RETURNING {Columns}
            """, connection, transaction);
        insert.Parameters.AddWithValue(tenant);
        insert.Parameters.AddWithValue(oldKeyId);
        insert.Parameters.AddWithValue(newKeyId);
        insert.Parameters.AddWithValue(newKeyHash);
        insert.Parameters.AddWithValue(overlap);
        var created = (await ReadAsync(insert, ct))[0];
        await transaction.CommitAsync(ct);
        return (closed, created);
    }

    /// <summary>Revokes the key at once (kept listed); null when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<ApiKeyRow?> RevokeAsync(string tenant, string keyId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE pdg_api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE tenant = $1 AND key_id = $2 RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(keyId);
        return (await ReadAsync(command, ct)).FirstOrDefault();
    }

    /// <summary>Records that the key was used now.</summary>
    public async Task TouchAsync(string tenant, string keyId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE pdg_api_keys SET last_used_at = now() WHERE tenant = $1 AND key_id = $2");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(keyId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<ApiKeyRow>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<ApiKeyRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ApiKeyRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<DateTimeOffset>(5), Time(reader, 6), Time(reader, 7), Time(reader, 8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return rows;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
