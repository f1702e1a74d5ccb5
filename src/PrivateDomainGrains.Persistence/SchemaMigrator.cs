using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Applies the embedded deploy/sql scripts in name order, each once, recording each in <c>pdg_schema_versions</c> with
/// the SHA-256 of its text (<see cref="SchemaScript.Checksum"/>). A script that was changed after it was applied stops
/// start-up (<see cref="SchemaDriftException"/>) before anything is applied: a changed script would never run again on
/// databases that have it, so databases would differ by when they were created. Rows written before checksums existed
/// get theirs recorded on the first start. An advisory lock serialises hosts that start together, so each script runs
/// once; the scripts are idempotent as well, so a script whose version row was lost is harmless to run again.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x5044_4753; // "PDGS"

    /// <summary>The table, and its checksum column for databases created before checksums were recorded.</summary>
    private const string Bootstrap = """
        CREATE TABLE IF NOT EXISTS pdg_schema_versions (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
        ALTER TABLE pdg_schema_versions ADD COLUMN IF NOT EXISTS checksum text;
        """;

    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <exception cref="SchemaDriftException">An applied script's text differs from what was applied; nothing was changed.</exception>
    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, Bootstrap, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var changed = Scripts.Where(s => applied.TryGetValue(s.Version, out var sum) && sum is not null && sum != s.Checksum).ToList();
            if (changed.Count > 0) throw new SchemaDriftException(changed.Select(s => (s.Version, applied[s.Version]!, s.Checksum)).ToList());

            foreach (var script in Scripts.Where(s => applied.TryGetValue(s.Version, out var sum) && sum is null))
            {
                await RecordAsync(connection, "UPDATE pdg_schema_versions SET checksum = $2 WHERE version = $1", script, cancellationToken);
                logger.LogInformation("Recorded the checksum of schema script {Version}, applied before checksums were kept", script.Version);
            }
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, script.Sql, cancellationToken);
                await RecordAsync(connection, "INSERT INTO pdg_schema_versions (version, checksum) VALUES ($1, $2)", script, cancellationToken);
                await tx.CommitAsync(cancellationToken);
                logger.LogInformation("Applied schema script {Version}", script.Version);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>SHA-256 (lower-case hex) of a script's text with line endings and a byte-order mark normalised away, so a
    /// checkout that turned LF into CRLF is not a change.</summary>
    public static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.TrimStart('\uFEFF').ReplaceLineEndings("\n"))));

    private static async Task RecordAsync(NpgsqlConnection connection, string sql, SchemaScript script, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(script.Version);
        command.Parameters.AddWithValue(script.Checksum);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<string, string?>> AppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM pdg_schema_versions", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static IReadOnlyList<SchemaScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                var sql = reader.ReadToEnd();
                return new SchemaScript(Path.GetFileNameWithoutExtension(n), sql, Checksum(sql));
            })
            .ToList();
    }
}

/// <summary>One deploy/sql script: its version (file name without <c>.sql</c>), text and <see cref="SchemaMigrator.Checksum"/>.</summary>
public sealed record SchemaScript(string Version, string Sql, string Checksum);

/// <summary>Applied schema scripts whose text has changed since; the message names each and says what to do.</summary>
public sealed class SchemaDriftException(IReadOnlyList<(string Version, string Recorded, string Current)> changed) : Exception(
    $"Schema script{(changed.Count == 1 ? "" : "s")} {string.Join(", ", changed.Select(c => $"{c.Version} (applied with checksum {c.Recorded[..12]}, now {c.Current[..12]})"))} " +
    "changed after being applied to this database. An applied script never runs again: put the change in a new script " +
    "(the next number in deploy/sql) and restore the original text. Start-up stopped; nothing was changed.")
{
    public IReadOnlyList<string> Versions { get; } = [.. changed.Select(c => c.Version)];
}
