using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Every staff member's nudges, kept until their console acknowledges them. Writes go through group commit;
/// consoles read their open nudges when they connect.
/// </summary>
public sealed class NudgeInbox(NpgsqlDataSource dataSource, GroupCommitWriter writer)
{
    private const string Columns = "tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at, suggested, explanation";

    /// <summary>Durably stores the nudges; returns the ids that were new (a replayed decision yields ids already stored).</summary>
    public async Task<IReadOnlySet<string>> AddAsync(IReadOnlyList<NudgeRow> nudges) =>
        (await writer.WriteAsync(WriteRequest.ForNudges(nudges))).InsertedNudgeIds;

    /// <summary>Closes the nudge; only its own staff member can. Returns the customer it was about, or null if it was not open.</summary>
    public async Task<string?> AcknowledgeAsync(NudgeAck ack) =>
        (await writer.WriteAsync(WriteRequest.ForAck(ack))).AcknowledgedCustomers.GetValueOrDefault(ack.NudgeId);

    /// <summary>
    /// Whether the staff member's nudge was closed before: true when it is theirs and acknowledged, false when it is
    /// not theirs, not stored, or still open. Tells a resent close (already done) from one about a nudge that is not theirs.
    /// </summary>
    public async Task<bool> IsClosedAsync(string tenant, string staffId, string nudgeId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pdg_nudges WHERE tenant = $1 AND nudge_id = $2 AND staff_id = $3 AND acked_at IS NOT NULL)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = nudgeId });
        command.Parameters.Add(new() { Value = staffId });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Open nudges of a staff member in creation order, after the given position (keyset paging).</summary>
    public async Task<List<NudgeRow>> ReadOpenAsync(string tenant, string staffId, (DateTimeOffset CreatedAt, string NudgeId)? after, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM pdg_nudges WHERE tenant = $1 AND staff_id = $2 AND acked_at IS NULL " +
            "AND (created_at, nudge_id) > ($3, $4) ORDER BY created_at, nudge_id LIMIT $5");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = staffId });
        command.Parameters.Add(new() { Value = (after?.CreatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime });
        command.Parameters.Add(new() { Value = after?.NudgeId ?? "" });
        command.Parameters.Add(new() { Value = limit });
        return await ReadRowsAsync(command, ct);
    }

    /// <summary>How many open nudges each of the staff members has (absent: none).</summary>
    public async Task<Dictionary<string, int>> CountOpenAsync(string tenant, IReadOnlyList<string> staffIds, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT staff_id, count(*)::int FROM pdg_nudges WHERE tenant = $1 AND staff_id = ANY($2) AND acked_at IS NULL GROUP BY staff_id");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = staffIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>Moves a customer's open nudges to its new owner and returns them, so the new owner can act at once.</summary>
    public async Task<List<NudgeRow>> ReassignOpenAsync(string tenant, string customerId, string staffId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE pdg_nudges SET staff_id = $3 WHERE tenant = $1 AND customer_id = $2 AND acked_at IS NULL AND staff_id <> $3 RETURNING {Columns}");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        command.Parameters.Add(new() { Value = staffId });
        return await ReadRowsAsync(command, ct);
    }

    private static async Task<List<NudgeRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<NudgeRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new NudgeRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInt32(9),
                new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero))
            {
                Suggested = reader.IsDBNull(11) ? null : reader.GetString(11),
                Explanation = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }
        return rows;
    }
}
