using System.Text;
using Npgsql;
using NpgsqlTypes;
using PrivateDomainGrains.Core.Segments;
using PrivateDomainGrains.Persistence.Segments;

namespace PrivateDomainGrains.Persistence;

/// <summary>A row staged for a tag job: what named the customer, the customer it resolved to, or why it did not.</summary>
/// <param name="Input">The customer id as given, or an identity's kind and masked value (<see cref="Core.Identity.CustomerIdentity.Masked"/>): never a personal value.</param>
/// <param name="CustomerId">Null when <paramref name="Error"/> says why the input names no customer.</param>
public sealed record TagJobInput(string Input, string? CustomerId, string? Error = null);

/// <summary>One row of a tag job and its result (<see cref="TagJobRowStatus"/>).</summary>
public sealed record TagJobRow(int Seq, string Input, string? CustomerId, string Status, string? Error);

/// <summary>A customer's row in a tag job, as its personal-data export lists it.</summary>
public sealed record CustomerTagJobRow(string JobId, int Seq, string Input, string Status, string? Error);

/// <summary>The values of <see cref="TagJobRow.Status"/>.</summary>
public static class TagJobRowStatus
{
    public const string Pending = "pending", Changed = "changed", Unchanged = "unchanged", Failed = "failed";
}

/// <summary>
/// Which customers of the directory a tag job goes through: every condition given must hold (tags all and any, owner,
/// tier, status); none given is every customer of the tenant.
/// </summary>
public sealed record TagJobFilter(string[]? TagsAny = null, string[]? TagsAll = null, string? Owner = null, string? Tier = null, string? Status = null);

/// <summary>
/// The rows of tag jobs (<c>pdg_tag_job_rows</c>): staged when a job is created, worked through in <c>seq</c> order by
/// the job, and read page by page as its per-row results.
/// </summary>
public sealed class TagJobRows(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stages the rows of a job in the order given (seq 1, 2, ...); those with an error start failed. A row naming a
    /// customer an earlier row named (the same id twice, or an id and a phone of one customer) is left out: each
    /// customer is one row of the job. Replaces what the job had staged; returns how many rows it staged.
    /// </summary>
    public async Task<int> StageAsync(string tenant, string jobId, IReadOnlyList<TagJobInput> given, CancellationToken ct = default)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        var rows = given.Where(r => r.CustomerId is null || named.Add(r.CustomerId)).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await DeleteAsync(connection, tenant, jobId, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY pdg_tag_job_rows (tenant, job_id, seq, input, customer_id, status, error) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(jobId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(i + 1, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Input, NpgsqlDbType.Text, ct);
                if (row.CustomerId is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(row.CustomerId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Error is null ? TagJobRowStatus.Pending : TagJobRowStatus.Failed, NpgsqlDbType.Text, ct);
                if (row.Error is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(row.Error, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// Stages every customer of the directory that matches <paramref name="filter"/> now, in customer id order; returns
    /// how many. Replaces what the job had staged.
    /// </summary>
    public async Task<int> StageFromDirectoryAsync(string tenant, string jobId, TagJobFilter filter, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await DeleteAsync(connection, tenant, jobId, ct);
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = jobId });
        var where = new StringBuilder("tenant = $1");
        string Next(object value, NpgsqlDbType type)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            return "$" + command.Parameters.Count;
        }
        // Array containment and overlap read the directory's GIN index on tags.
        if (filter.TagsAll is { Length: > 0 } all) where.Append($" AND tags @> {Next(all, NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        if (filter.TagsAny is { Length: > 0 } any) where.Append($" AND tags && {Next(any, NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        if (filter.Owner is { } owner) where.Append($" AND owner = {Next(owner, NpgsqlDbType.Text)}");
        if (filter.Tier is { } tier) where.Append($" AND tier = {Next(tier, NpgsqlDbType.Text)}");
        if (filter.Status is { } status) where.Append($" AND status = {Next(status, NpgsqlDbType.Text)}");
        command.CommandText = $"""
            INSERT INTO pdg_tag_job_rows (tenant, job_id, seq, input, customer_id)
            SELECT $1, $2, row_number() OVER (ORDER BY customer_id), customer_id, customer_id
            FROM pdg_customer_directory WHERE {where}
            """;
        var staged = await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return staged;
    }

    /// <summary>
    /// Stages the members of a saved segment's <paramref name="filter"/> as of <paramref name="now"/> (in customer-id
    /// order, over the customers <paramref name="scope"/> lets the caller see), as the segment's listing has them.
    /// </summary>
    public async Task<int> StageFromSegmentAsync(string tenant, string jobId, SegmentFilter filter, SegmentScope scope, DateTimeOffset now,
        CancellationToken ct = default)
    {
        var sql = new SegmentSql(tenant, filter, scope, now);
        // The rows come from the directory (d) or, for a filter on the activity alone, from the activity (a): both hold customer_id.
        var alias = sql.Table == "pdg_customer_directory" ? "d" : "a";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await DeleteAsync(connection, tenant, jobId, ct);
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        foreach (var parameter in sql.Parameters) command.Parameters.Add(parameter);
        command.Parameters.Add(new() { Value = jobId });
        command.CommandText = $"""
            INSERT INTO pdg_tag_job_rows (tenant, job_id, seq, input, customer_id)
            SELECT $1, ${command.Parameters.Count}, row_number() OVER (ORDER BY {alias}.customer_id), {alias}.customer_id, {alias}.customer_id
            FROM {sql.From} WHERE {sql.Where}
            """;
        var staged = await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return staged;
    }

    /// <summary>How many rows the job has, and how many of them failed.</summary>
    public async Task<(long Total, long Failed)> CountAsync(string tenant, string jobId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), count(*) FILTER (WHERE status = 'failed') FROM pdg_tag_job_rows WHERE tenant = $1 AND job_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Up to <paramref name="limit"/> rows after <paramref name="afterSeq"/> (0: from the start), in seq order, any status.</summary>
    public async Task<List<TagJobRow>> PageAsync(string tenant, string jobId, int afterSeq, int limit, string? status = null, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, input, customer_id, status, error FROM pdg_tag_job_rows WHERE tenant = $1 AND job_id = $2 AND seq > $3"
            + (status is null ? "" : " AND status = $5") + " ORDER BY seq LIMIT $4");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(new() { Value = afterSeq });
        command.Parameters.Add(new() { Value = limit });
        if (status is not null) command.Parameters.Add(new() { Value = status });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<TagJobRow>(Math.Min(limit, 1_000));
        while (await reader.ReadAsync(ct))
            rows.Add(new TagJobRow(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        return rows;
    }

    /// <summary>The customer's rows in every job of the tenant, by job and seq (index <c>pdg_tag_job_rows_customer</c>).</summary>
    public async Task<List<CustomerTagJobRow>> OfCustomerAsync(string tenant, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT job_id, seq, input, status, error FROM pdg_tag_job_rows WHERE tenant = $1 AND customer_id = $2 ORDER BY job_id, seq");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<CustomerTagJobRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new CustomerTagJobRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return rows;
    }

    /// <summary>Records the results of worked rows (their seq, status and error) in one statement.</summary>
    public async Task RecordAsync(string tenant, string jobId, IReadOnlyList<TagJobRow> results, CancellationToken ct = default)
    {
        if (results.Count == 0) return;
        await using var command = dataSource.CreateCommand("""
            UPDATE pdg_tag_job_rows r SET status = u.status, error = u.error
            FROM unnest($3::integer[], $4::text[], $5::text[]) AS u(seq, status, error)
            WHERE r.tenant = $1 AND r.job_id = $2 AND r.seq = u.seq
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(new() { Value = results.Select(r => r.Seq).ToArray() });
        command.Parameters.Add(new() { Value = results.Select(r => r.Status).ToArray() });
        command.Parameters.Add(new() { Value = results.Select(r => r.Error).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, string tenant, string jobId, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM pdg_tag_job_rows WHERE tenant = $1 AND job_id = $2", connection);
        delete.Parameters.Add(new() { Value = tenant });
        delete.Parameters.Add(new() { Value = jobId });
        await delete.ExecuteNonQueryAsync(ct);
    }
}
