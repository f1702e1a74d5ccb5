using Npgsql;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// <c>pdg_wecom_callbacks</c>: the callbacks this cluster handled, keyed by what a replay repeats (timestamp, nonce,
/// msg_signature). A row is written only once its callback was handled (stored, a duplicate, or deliberately not
/// stored), never before: a callback that failed half-way leaves no row, so WeCom's retry of it is processed (and is a
/// duplicate if its event did get stored). Shared by all nodes, so a replay to another node is refused too.
/// </summary>
public sealed class WeComCallbackLog(NpgsqlDataSource dataSource)
{
    /// <summary>One handled callback as the operator's view shows it.</summary>
    public sealed record Entry(
        DateTimeOffset ReceivedAt, string? Event, string? ChangeType, string? UserId, string? ExternalUserId, string? EventId, string Outcome, string? Detail);

    /// <summary>Callbacks of the last 24 hours by outcome, the last one's time, and the latest that stored nothing for a reason worth a look.</summary>
    public sealed record Summary(DateTimeOffset? LastReceivedAt, IReadOnlyDictionary<string, long> Last24Hours, IReadOnlyList<Entry> RecentProblems);

    /// <summary>Outcomes that mean "WeCom told us something we did not record", listed for the operator.</summary>
    private static readonly string[] ProblemOutcomes =
        [WeComOutcome.UnknownStaff.Name(), WeComOutcome.Rejected.Name(), WeComOutcome.Malformed.Name()];

    public async Task<bool> WasHandledAsync(string tenant, string timestamp, string nonce, string signature, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pdg_wecom_callbacks WHERE tenant = $1 AND timestamp = $2 AND nonce = $3 AND msg_signature = $4)");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(timestamp);
        command.Parameters.AddWithValue(nonce);
        command.Parameters.AddWithValue(signature);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Records a handled callback; a concurrent twin that got here first wins (same key, same content). Committed with
    /// <c>synchronous_commit</c> off: the callback's event is already durable in the journal, and a row lost to a crash in
    /// the next few hundred milliseconds costs only that a replay of it is a duplicate instead of a 409. Waiting for a
    /// WAL flush of its own per callback halved the callbacks a node answers per second.
    /// </summary>
    public async Task RecordAsync(string tenant, string timestamp, string nonce, string signature, WeComMapping mapping, WeComOutcome outcome, string? detail)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO pdg_wecom_callbacks (tenant, timestamp, nonce, msg_signature, event, change_type, user_id, external_user_id, event_id, outcome, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT DO NOTHING
            """)
        {
            Parameters =
            {
                new() { Value = tenant }, new() { Value = timestamp }, new() { Value = nonce }, new() { Value = signature },
                new() { Value = (object?)mapping.Event ?? DBNull.Value }, new() { Value = (object?)mapping.ChangeType ?? DBNull.Value },
                new() { Value = (object?)mapping.UserId ?? DBNull.Value }, new() { Value = (object?)mapping.ExternalUserId ?? DBNull.Value },
                new() { Value = (object?)mapping.CustomerEvent?.Id ?? DBNull.Value }, new() { Value = outcome.Name() },
                new() { Value = (object?)detail ?? DBNull.Value },
            },
        };
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"), insert } };
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async Task<Summary> SummarizeAsync(string tenant, DateTimeOffset now, int maxProblems, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT max(received_at) FROM pdg_wecom_callbacks WHERE tenant = $1") { Parameters = { new() { Value = tenant } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT outcome, count(*) FROM pdg_wecom_callbacks WHERE tenant = $1 AND received_at > $2 GROUP BY outcome ORDER BY outcome")
        {
            Parameters = { new() { Value = tenant }, new() { Value = now.AddHours(-24) } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT received_at, event, change_type, user_id, external_user_id, event_id, outcome, detail FROM pdg_wecom_callbacks
            WHERE tenant = $1 AND outcome = ANY($2) ORDER BY received_at DESC LIMIT $3
            """)
        {
            Parameters = { new() { Value = tenant }, new() { Value = ProblemOutcomes }, new() { Value = maxProblems } },
        });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        DateTimeOffset? last = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
        await reader.NextResultAsync(ct);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        await reader.NextResultAsync(ct);
        var problems = new List<Entry>();
        while (await reader.ReadAsync(ct))
            problems.Add(new Entry(reader.GetFieldValue<DateTimeOffset>(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                reader.GetString(6), Text(reader, 7)));
        return new Summary(last, counts, problems);
    }

    /// <summary>Deletes rows received before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM pdg_wecom_callbacks WHERE received_at < $1");
        command.Parameters.AddWithValue(before);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
