using Npgsql;
using PrivateDomainGrains.Persistence.Statements;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Every staff member's nudges, kept until their console acknowledges them. Customers add nudges with their commits
/// (group commit); consoles read their open nudges when they connect and close them here.
/// </summary>
public sealed class NudgeInbox(NpgsqlDataSource dataSource, GroupCommitWriter writer)
{
    /// <summary>
    /// Records console-side facts (delivered, opened, snoozed) through group commit; returns the ids that were marked
    /// (a staff member can mark only their own nudges, and snooze only open ones).
    /// </summary>
    public async Task<IReadOnlySet<string>> MarkAsync(IReadOnlyList<NudgeMark> marks) =>
        (await writer.WriteAsync(new WriteRequest { Marks = marks })).MarkedNudgeIds;

    /// <summary>
    /// Records one console-side fact about a nudge known by its id only (a console's opening or snooze): whether it was
    /// marked. False, with nothing written, for a nudge that is not stored.
    /// </summary>
    public async Task<bool> MarkAsync(string tenant, string staffId, string nudgeId, NudgeMarkKind kind, DateTimeOffset at, DateTimeOffset? until = null) =>
        await CustomerOfAsync(tenant, nudgeId) is { } customerId
        && (await MarkAsync([new NudgeMark(tenant, customerId, staffId, nudgeId, kind, at, until)])).Contains(nudgeId);

    /// <summary>
    /// Closes the nudge (<paramref name="how"/>: done or not-useful); only its own staff member can. Returns the customer
    /// it was about, or null if it was not an open nudge of theirs.
    /// </summary>
    public async Task<string?> AcknowledgeAsync(string tenant, string staffId, string nudgeId, string how) =>
        await CustomerOfAsync(tenant, nudgeId) is { } customerId
            ? (await writer.WriteAsync(WriteRequest.ForAck(new NudgeAck(tenant, customerId, staffId, nudgeId, how)))).AcknowledgedCustomers.GetValueOrDefault(nudgeId)
            : null;

    /// <summary>
    /// The customer a stored nudge is about (it never changes), or null. A console names a nudge by id only; its close or
    /// mark is queued with the customer's writes (<see cref="NudgeAck.CustomerId"/>).
    /// </summary>
    private async Task<string?> CustomerOfAsync(string tenant, string nudgeId)
    {
        await using var command = dataSource.CreateCommand("SELECT customer_id FROM pdg_nudges WHERE tenant = $1 AND nudge_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = nudgeId });
        return (string?)await command.ExecuteScalarAsync();
    }

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

    /// <summary>Whether the staff member's nudge was opened before (a repeated opening marks nothing): false when it is not theirs or not stored.</summary>
    public async Task<bool> WasOpenedAsync(string tenant, string staffId, string nudgeId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pdg_nudges WHERE tenant = $1 AND nudge_id = $2 AND staff_id = $3 AND opened_at IS NOT NULL)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = nudgeId });
        command.Parameters.Add(new() { Value = staffId });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Whether the staff member has an open nudge about the customer (addressed to them by name or as owner).</summary>
    public async Task<bool> HasOpenAboutAsync(string tenant, string staffId, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pdg_nudges WHERE tenant = $1 AND customer_id = $2 AND staff_id = $3 AND acked_at IS NULL)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        command.Parameters.Add(new() { Value = staffId });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Open nudges of a staff member in creation order, after the given position (keyset paging).</summary>
    public async Task<List<NudgeRow>> ReadOpenAsync(string tenant, string staffId, (DateTimeOffset CreatedAt, string NudgeId)? after, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {NudgeStatements.ColumnsOf("n")}, d.display_name FROM pdg_nudges n " +
            "LEFT JOIN pdg_customer_directory d ON d.tenant = n.tenant AND d.customer_id = n.customer_id " +
            "WHERE n.tenant = $1 AND n.staff_id = $2 AND n.acked_at IS NULL " +
            "AND (n.created_at, n.nudge_id) > ($3, $4) ORDER BY n.created_at, n.nudge_id LIMIT $5");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = staffId });
        command.Parameters.Add(new() { Value = (after?.CreatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime });
        command.Parameters.Add(new() { Value = after?.NudgeId ?? "" });
        command.Parameters.Add(new() { Value = limit });
        return await ReadRowsAsync(command, ct, withCustomerName: true);
    }

    /// <summary>
    /// Open nudges created after <paramref name="since"/> of each of the staff members (tenant, staff id), the newest
    /// <paramref name="limitPerStaff"/> each, newest first: what a console that stayed connected may have missed while the
    /// cluster replaced a node. Newest, because those are the ones at risk (raised around the loss); older open ones
    /// reached the console when they were raised (a staff member who does not act on them has many).
    /// </summary>
    public async Task<List<NudgeRow>> ReadOpenSinceAsync(IReadOnlyList<(string Tenant, string StaffId)> staff, DateTimeOffset since, int limitPerStaff, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {NudgeStatements.ColumnsOf("n")} FROM unnest($1::text[], $2::text[]) AS k(tenant, staff_id)
            CROSS JOIN LATERAL (
                SELECT * FROM pdg_nudges n
                WHERE n.tenant = k.tenant AND n.staff_id = k.staff_id AND n.acked_at IS NULL AND n.created_at > $3
                ORDER BY n.created_at DESC, n.nudge_id DESC LIMIT $4) n
            """);
        command.Parameters.Add(new() { Value = staff.Select(s => s.Tenant).ToArray() });
        command.Parameters.Add(new() { Value = staff.Select(s => s.StaffId).ToArray() });
        command.Parameters.Add(new() { Value = since.UtcDateTime });
        command.Parameters.Add(new() { Value = limitPerStaff });
        return await ReadRowsAsync(command, ct);
    }

    /// <summary>
    /// How many open nudges the staff member has now: those shown in a queue, and those snoozed past <paramref name="now"/>
    /// (one index range of the open nudges by staff member, <c>pdg_nudges_open_by_staff</c>).
    /// </summary>
    public async Task<(int Open, int Snoozed)> CountOpenAsync(string tenant, string staffId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FILTER (WHERE snoozed_until IS NULL OR snoozed_until <= $3)::int, count(*) FILTER (WHERE snoozed_until > $3)::int " +
            "FROM pdg_nudges WHERE tenant = $1 AND staff_id = $2 AND acked_at IS NULL");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = staffId });
        command.Parameters.Add(new() { Value = now.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1));
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

    private static async Task<List<NudgeRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken ct, bool withCustomerName = false)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<NudgeRow>();
        while (await reader.ReadAsync(ct)) rows.Add(NudgeStatements.ReadRow(reader, withCustomerName));
        return rows;
    }
}
