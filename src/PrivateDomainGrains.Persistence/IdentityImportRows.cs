using Npgsql;
using NpgsqlTypes;
using PrivateDomainGrains.Core.Identity;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// One line of an identity import: a valid row (normalised identity, <see cref="Field"/> null) or one refused
/// (<see cref="Field"/> names what is wrong: <c>customerId</c>, <c>kind</c>, <c>value</c> or <c>line</c>).
/// </summary>
/// <param name="Line">The line number in the upload, from 1 (a CSV header is line 1).</param>
/// <param name="Value">Normalised while the row is pending (the job adds it); masked once the row is refused or worked
/// (<see cref="IdentityMask"/>), so that the report keeps no personal value.</param>
/// <param name="State">A <see cref="IdentityImportRowState"/> value.</param>
public sealed record IdentityImportRow(long Line, string? CustomerId, string? Kind, string? Value, string State, string? Field = null, string? Reason = null);

/// <summary>The values of <see cref="IdentityImportRow.State"/>.</summary>
public static class IdentityImportRowState
{
    /// <summary>
    /// <see cref="Unchanged"/>: the customer held the identity already; <see cref="Conflict"/>: another customer holds it
    /// (nothing moves); <see cref="Cancelled"/>: still pending when the import was cancelled, never added.
    /// </summary>
    public const string Pending = "pending", Added = "added", Unchanged = "unchanged", Refused = "refused", Conflict = "conflict", Cancelled = "cancelled";

    public static bool IsKnown(string state) => state is Pending or Added or Unchanged or Refused or Conflict or Cancelled;
}

/// <summary>
/// The rows of identity imports (<c>pdg_identity_import_rows</c>, deploy/sql/0050): staged while the upload streams
/// in, worked in line order by the import's job, read page by page as its per-row report.
/// </summary>
public sealed class IdentityImportRows(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stages every row <paramref name="rows"/> yields, with one binary COPY in one transaction, as they come (the
    /// upload is never held whole). When the sequence throws (a malformed upload, one too large), nothing is staged and
    /// the exception propagates. Returns how many rows were staged.
    /// </summary>
    public async Task<long> StageAsync(string tenant, string jobId, IAsyncEnumerable<IdentityImportRow> rows, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        long staged = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY pdg_identity_import_rows (tenant, job_id, line, customer_id, kind, value, state, field, reason) FROM STDIN (FORMAT BINARY)", ct))
        {
            await foreach (var row in rows.WithCancellation(ct))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(jobId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(copy, row.CustomerId, ct);
                await WriteNullableAsync(copy, row.Kind, ct);
                await WriteNullableAsync(copy, row.Value, ct);
                await copy.WriteAsync(row.State, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, row.Field, ct);
                await WriteNullableAsync(copy, row.Reason, ct);
                staged++;
            }
            await copy.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return staged;
    }

    /// <summary>How many rows the job has, and how many of them were refused when staged.</summary>
    public async Task<(long Total, long Refused)> CountAsync(string tenant, string jobId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), count(*) FILTER (WHERE state = 'refused') FROM pdg_identity_import_rows WHERE tenant = $1 AND job_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Up to <paramref name="limit"/> rows after line <paramref name="afterLine"/> (0: from the start), in line order, of one state or any.</summary>
    public async Task<List<IdentityImportRow>> PageAsync(string tenant, string jobId, long afterLine, int limit, string? state = null, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT line, customer_id, kind, value, state, field, reason FROM pdg_identity_import_rows WHERE tenant = $1 AND job_id = $2 AND line > $3"
            + (state is null ? "" : " AND state = $5") + " ORDER BY line LIMIT $4");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(new() { Value = afterLine });
        command.Parameters.Add(new() { Value = limit });
        if (state is not null) command.Parameters.Add(new() { Value = state });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<IdentityImportRow>(Math.Min(limit, 10_000));
        while (await reader.ReadAsync(ct))
            rows.Add(new IdentityImportRow(reader.GetInt64(0), Nullable(reader, 1), Nullable(reader, 2), Nullable(reader, 3), reader.GetString(4),
                Nullable(reader, 5), Nullable(reader, 6)));
        return rows;
    }

    /// <summary>
    /// Records the results of worked rows (their line, customer, state and reason) in one statement, each value masked
    /// (<see cref="IdentityMask"/>): a row keeps the personal value only until it is worked, so a report outlives no
    /// identity (a conflict's value is another customer's; a customer erased before the import is never erased again).
    /// </summary>
    public async Task RecordAsync(string tenant, string jobId, IReadOnlyList<IdentityImportRow> results, CancellationToken ct = default)
    {
        if (results.Count == 0) return;
        await using var command = dataSource.CreateCommand("""
            UPDATE pdg_identity_import_rows r SET customer_id = u.customer_id, value = u.value, state = u.state, field = u.field, reason = u.reason
            FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(line, customer_id, state, field, reason, value)
            WHERE r.tenant = $1 AND r.job_id = $2 AND r.line = u.line
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(Bigints(results.Select(r => r.Line)));
        command.Parameters.Add(Text(results.Select(r => r.CustomerId)));
        command.Parameters.Add(Text(results.Select(r => r.State)));
        command.Parameters.Add(Text(results.Select(r => r.Field)));
        command.Parameters.Add(Text(results.Select(r => r.Reason)));
        command.Parameters.Add(Text(results.Select(r => r.Value is null ? null : IdentityMask.Of(r.Value))));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Marks the rows still pending <see cref="IdentityImportRowState.Cancelled"/>, page by page in line order, each value
    /// masked as a worked row's is (<see cref="RecordAsync"/>): a cancelled import will never add them, so it keeps no
    /// personal value of theirs. Returns how many rows it marked.
    /// </summary>
    public async Task<long> CancelPendingAsync(string tenant, string jobId, int pageSize, CancellationToken ct = default)
    {
        long cancelled = 0;
        for (var after = 0L; ;)
        {
            var page = await PageAsync(tenant, jobId, after, pageSize, IdentityImportRowState.Pending, ct);
            if (page.Count == 0) return cancelled;
            await RecordAsync(tenant, jobId, [.. page.Select(r => r with { State = IdentityImportRowState.Cancelled })], ct);
            cancelled += page.Count;
            after = page[^1].Line;
        }
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}
