using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The durable, complete history of every customer: customers append to it with their commits (group commit) and
/// replay it on activation (group read); this pages through it.
/// </summary>
public sealed class EventJournal(NpgsqlDataSource dataSource)
{
    /// <summary>A page of history, newest first, strictly before <paramref name="beforeSequence"/>.</summary>
    public Task<List<JournalRow>> ReadPageAsync(string tenant, string customerId, long beforeSequence, int limit, CancellationToken ct = default) =>
        QueryAsync($"SELECT {JournalRows.Columns} FROM pdg_event_journal j WHERE tenant = $1 AND customer_id = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4",
            [tenant, customerId, beforeSequence, limit], ct);

    /// <summary>
    /// The events the tenant's journal holds under these ids, whichever customer's they are: what a duplicate or a
    /// conflicting reuse of an event id is compared with (event ids are unique per tenant).
    /// </summary>
    public Task<List<JournalRow>> FindAsync(string tenant, IReadOnlyCollection<string> eventIds, CancellationToken ct = default) =>
        QueryAsync($"SELECT {JournalRows.Columns} FROM pdg_event_journal j WHERE tenant = $1 AND event_id = ANY($2)", [tenant, eventIds.ToArray()], ct);

    private async Task<List<JournalRow>> QueryAsync(string sql, object[] parameters, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<JournalRow>();
        while (await reader.ReadAsync(ct)) rows.Add(JournalRows.Read(reader));
        return rows;
    }
}
