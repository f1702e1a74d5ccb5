using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>The durable, complete history of every customer: appended by group commit, read for replay and paging.</summary>
public sealed class EventJournal(NpgsqlDataSource dataSource, GroupCommitWriter writer)
{
    private const string Columns = "tenant, customer_id, seq, event_id, type, occurred_at, channel, staff_id, body, data::text";

    /// <summary>Durably appends the events; returns the ids that were new (the others are duplicates).</summary>
    public async Task<IReadOnlySet<string>> AppendAsync(IReadOnlyList<JournalRow> events) =>
        (await writer.WriteAsync(WriteRequest.ForEvents(events))).InsertedEventIds;

    /// <summary>Events of the customer after <paramref name="afterSequence"/>, oldest first: what a snapshot has not folded in yet.</summary>
    public Task<List<JournalRow>> ReadAfterAsync(string tenant, string customerId, long afterSequence, CancellationToken ct = default) =>
        QueryAsync($"SELECT {Columns} FROM pdg_event_journal WHERE tenant = $1 AND customer_id = $2 AND seq > $3 ORDER BY seq",
            [tenant, customerId, afterSequence], ct);

    /// <summary>A page of history, newest first, strictly before <paramref name="beforeSequence"/>.</summary>
    public Task<List<JournalRow>> ReadPageAsync(string tenant, string customerId, long beforeSequence, int limit, CancellationToken ct = default) =>
        QueryAsync($"SELECT {Columns} FROM pdg_event_journal WHERE tenant = $1 AND customer_id = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4",
            [tenant, customerId, beforeSequence, limit], ct);

    private async Task<List<JournalRow>> QueryAsync(string sql, object[] parameters, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<JournalRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new JournalRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                NullableString(reader, 6), NullableString(reader, 7), NullableString(reader, 8),
                JournalData.FromJson(NullableString(reader, 9))));
        }
        return rows;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
