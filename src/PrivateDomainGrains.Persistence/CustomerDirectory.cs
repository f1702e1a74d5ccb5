using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Lists and searches the customer directory (<c>pdg_customer_directory</c>, with each customer's activity from
/// <c>pdg_customer_activity</c>: last interaction and open nudges), newest activity first, in keyset pages:
/// one staff member's customers (or a tenant's, for managers and admins), filtered by tag, tier, status and open
/// nudges, searched by a fragment of the name, remark or id, or by the last 4-11 digits of a phone number (the
/// playbook's <c>phone</c> field or any phone identity). Reads only the directory, never the customers themselves.
/// </summary>
public sealed class CustomerDirectory(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// How many of one staff member's most recent customers a one-character search reads in order before it turns to
    /// the search index (see <see cref="ListAsync"/>).
    /// </summary>
    public const int ShortSearchProbe = 1000;

    /// <summary>
    /// Up to <paramref name="limit"/> customers matching <paramref name="filter"/> after <paramref name="after"/> (the
    /// last row of the previous page), and whether more follow.
    /// </summary>
    /// <remarks>
    /// A one-character search (a surname such as 王) in one staff member's list matches thousands of their customers:
    /// found through the search index, every one of them is read and sorted to return a page (measured at 50,000 per
    /// staff member: 190 ms). So such a search first reads the staff member's <see cref="ShortSearchProbe"/> most recent
    /// customers in order and keeps the matches; if they fill the page, that is the answer (the same rows, as the order
    /// is the list's), and only a rarer character (fewer than one in twenty) goes to the index, where it has few rows.
    /// </remarks>
    public async Task<(List<DirectoryRow> Rows, bool More)> ListAsync(string tenant, DirectoryFilter filter, DirectoryCursor? after, int limit, CancellationToken ct = default)
    {
        if (filter is { Owners: [var owner], Unowned: false, Query: { } q } && SearchGrams.IsOneCharacter(q.Trim()))
        {
            var probed = await ProbeAsync(tenant, owner, filter, after, limit, ct);
            if (probed.Count > limit) return (probed[..limit], true);
        }
        return await SearchAsync(tenant, filter, after, limit, ct);
    }

    /// <summary>The matches of a search among the owner's <see cref="ShortSearchProbe"/> most recent customers after <paramref name="after"/>, up to limit + 1.</summary>
    private async Task<List<DirectoryRow>> ProbeAsync(string tenant, string owner, DirectoryFilter filter, DirectoryCursor? after, int limit, CancellationToken ct)
    {
        var sql = new Sql();
        var recent = $"a.tenant = {sql.Next(tenant)} AND a.owner = {sql.Next(owner)}{Cursor(sql, after)}";
        var match = new System.Text.StringBuilder("TRUE");
        Filters(sql, filter, match);
        match.Append(" AND ").Append(TextMatch(sql, filter.Query!.Trim()));
        return await ReadAsync(sql, $"SELECT {Columns} FROM (SELECT * FROM pdg_customer_activity a WHERE {recent}{Order}{ShortSearchProbe}) a " +
            $"JOIN pdg_customer_directory d ON d.tenant = a.tenant AND d.customer_id = a.customer_id WHERE {match}{Order}{sql.Next(limit + 1)}", ct);
    }

    private async Task<(List<DirectoryRow> Rows, bool More)> SearchAsync(string tenant, DirectoryFilter filter, DirectoryCursor? after, int limit, CancellationToken ct)
    {
        var sql = new Sql();
        var tenantParameter = sql.Next(tenant);
        var where = new System.Text.StringBuilder($"a.tenant = {tenantParameter}");
        var searching = !string.IsNullOrWhiteSpace(filter.Query);
        // PostgreSQL 15 cannot read the owner index in its order for owner = ANY(...): it would sort every row of those
        // owners (measured with 50,000 customers per owner: 187 ms for one, 720 ms for five, against 0.3 ms in order).
        // So one owner is an equality, and several (a team's list) are read owner by owner, each in index order, and
        // merged. A search starts from the search index instead, whoever the owners. The order is the activity's
        // (tenant, owner, last_interaction_at) index; the directory's row of each customer is joined on its key.
        string? eachOwner = null, ownerIs = null;
        if (filter.Owners is [var owner]) ownerIs = $"= {sql.Next(owner)}";
        else if (filter.Owners is { } owners && !searching) eachOwner = sql.Next(owners, NpgsqlDbType.Array | NpgsqlDbType.Text);
        else if (filter.Owners is { } someOwners) ownerIs = $"= ANY({sql.Next(someOwners, NpgsqlDbType.Array | NpgsqlDbType.Text)})";
        // The owners' condition on the activity (a) or the directory (d), which both hold the owner.
        string Owned(string table) => (ownerIs is null ? "" : $" AND {table}.owner {ownerIs}") +
            (eachOwner is null ? "" : $" AND {table}.owner = o.id") + (filter.Unowned ? $" AND {table}.owner IS NULL" : "");
        where.Append(Owned("a"));
        Filters(sql, filter, where);
        where.Append(Cursor(sql, after));
        // Who the list is about (tenant, owners, filters, page), before the search narrows it.
        var scope = where.ToString();
        string? phoneHolders = null;
        var found = "";
        if (searching)
        {
            var query = filter.Query!.Trim();
            // The index finds the candidates; the whole fragment is then checked on the folded texts.
            var text = $"d.search_grams @> {sql.Next(SearchGrams.ForQuery(query), NpgsqlDbType.Array | NpgsqlDbType.Text)} AND {TextMatch(sql, query)}";
            // 4-11 digits may also be the end of a phone number: the playbook's `phone` field, an entry of its own (the
            // number is not in the row); or a phone identity, by its reversed number (deploy/sql/0024), read in a branch
            // of its own: in one condition with the others PostgreSQL gives up the search index and reads every row.
            if (SearchGrams.ForPhoneQuery(query) is { } phone)
            {
                text = $"({text} OR d.search_grams @> ARRAY[{sql.Next(phone)}]::text[])";
                phoneHolders = $"SELECT {Columns} FROM {Source} WHERE {scope} AND d.customer_id = ANY(ARRAY(SELECT customer_id FROM pdg_identities " +
                    $"WHERE tenant = {tenantParameter} AND kind = 'phone' AND reverse(value) LIKE {sql.Next(Reversed(query) + "%")} LIMIT {MaxPhoneHolders}))";
            }
            // The search index finds the matches among the directory's rows (of the owners, which the directory has too)
            // before their activity is joined and sorted. In one query with the activity's owner index, PostgreSQL walks
            // the owner's customers in order looking for matches: 1.5 s for a name none of 50,000 has.
            found = $"WITH found AS MATERIALIZED (SELECT {DirectoryColumns} FROM pdg_customer_directory d " +
                $"WHERE d.tenant = {tenantParameter}{Owned("d")} AND {text}) ";
        }
        var source = searching ? Found : Source;
        var take = sql.Next(limit + 1);
        var page = eachOwner is null
            ? $"SELECT {Columns} FROM {source} WHERE {where}{Order}{take}"
            : $"SELECT {Names} FROM unnest({eachOwner}) AS o(id) CROSS JOIN LATERAL (SELECT {Columns} FROM {source} WHERE {where}{Order}{take}) l{NamesOrder}{take}";
        var rows = await ReadAsync(sql, found + (phoneHolders is null ? page : $"SELECT {Names} FROM (({page}) UNION ({phoneHolders})) u{NamesOrder}{take}"), ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more);
    }

    /// <summary>The most customers a phone number's last digits are looked up among (4 digits: about one in 10,000 numbers).</summary>
    private const int MaxPhoneHolders = 1000;

    /// <summary>Each customer's activity <c>a</c> (whose index gives the order) with its directory row <c>d</c>.</summary>
    private const string Source = "pdg_customer_activity a JOIN pdg_customer_directory d ON d.tenant = a.tenant AND d.customer_id = a.customer_id";

    /// <summary>A search's matches (<c>found</c>, of <see cref="DirectoryColumns"/>) as <c>d</c>, with their activity <c>a</c>.</summary>
    private const string Found = "found d JOIN pdg_customer_activity a ON a.tenant = d.tenant AND a.customer_id = d.customer_id";

    private const string DirectoryColumns = "d.tenant, d.customer_id, d.owner, d.display_name, d.remark, d.tags, d.tier, d.status, " + Values;

    /// <summary>The values each row shows: paid orders, the last one's time, the monetary score and the lifetime value per currency.</summary>
    private const string Values = "d.orders, d.last_order_at, d.monetary_score, d.lifetime_value";

    private const string Columns = "d.tenant, d.customer_id, d.owner, d.display_name, d.remark, d.tags, d.tier, d.status, a.last_interaction_at, a.open_nudges, " + Values;
    private const string Order = " ORDER BY a.last_interaction_at DESC NULLS LAST, a.customer_id LIMIT ";

    /// <summary>The <see cref="Columns"/> and <see cref="Order"/> of a query over a subquery's rows.</summary>
    private const string Names = "tenant, customer_id, owner, display_name, remark, tags, tier, status, last_interaction_at, open_nudges, orders, last_order_at, monetary_score, lifetime_value";
    private const string NamesOrder = " ORDER BY last_interaction_at DESC NULLS LAST, customer_id LIMIT ";

    /// <summary>The conditions on tag, tier, status and open nudges.</summary>
    private static void Filters(Sql sql, DirectoryFilter filter, System.Text.StringBuilder where)
    {
        if (filter.Tag is { } tag) where.Append($" AND d.tags @> ARRAY[{sql.Next(tag)}]::text[]");
        if (filter.Tier is { } tier) where.Append($" AND d.tier = {sql.Next(tier)}");
        if (filter.Status is { } status) where.Append($" AND d.status = {sql.Next(status)}");
        if (filter.HasOpenNudges is { } open) where.Append(open ? " AND a.open_nudges > 0" : " AND a.open_nudges = 0");
    }

    /// <summary>The whole fragment in the folded name, remark or id.</summary>
    private static string TextMatch(Sql sql, string query)
    {
        var fragment = sql.Next("%" + EscapeLike(SearchGrams.Fold(query)) + "%");
        return $"(lower(coalesce(d.display_name, '')) LIKE {fragment} OR lower(coalesce(d.remark, '')) LIKE {fragment} OR lower(d.customer_id) LIKE {fragment})";
    }

    /// <summary>After the previous page's last row, in the list's order; empty for the first page.</summary>
    private static string Cursor(Sql sql, DirectoryCursor? after) => after switch
    {
        null => "",
        { LastInteractionAt: { } at } => $" AND (a.last_interaction_at < {sql.Next(at.UtcDateTime)} OR a.last_interaction_at = {sql.Next(at.UtcDateTime)} AND a.customer_id > {sql.Next(after.CustomerId)} OR a.last_interaction_at IS NULL)",
        _ => $" AND a.last_interaction_at IS NULL AND a.customer_id > {sql.Next(after.CustomerId)}",
    };

    private async Task<List<DirectoryRow>> ReadAsync(Sql sql, string text, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(text);
        command.Parameters.AddRange(sql.Parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<DirectoryRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DirectoryRow(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<string[]>(5), reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetDateTime(8), TimeSpan.Zero), reader.GetInt32(9))
            {
                Orders = reader.GetInt32(10),
                LastOrderAt = reader.IsDBNull(11) ? null : new DateTimeOffset(reader.GetDateTime(11), TimeSpan.Zero),
                MonetaryScore = reader.GetInt16(12),
                LifetimeValue = JsonSerializer.Deserialize<Dictionary<string, decimal>>(reader.GetString(13))!,
            });
        }
        return rows;
    }

    /// <summary>A statement's positional parameters ($1, $2...), numbered as they are added.</summary>
    private sealed class Sql
    {
        public List<NpgsqlParameter> Parameters { get; } = [];

        public string Next(object? value, NpgsqlDbType? type = null)
        {
            var p = new NpgsqlParameter { Value = value ?? DBNull.Value };
            if (type is { } t) p.NpgsqlDbType = t;
            Parameters.Add(p);
            return "$" + Parameters.Count;
        }
    }

    /// <summary>The customer's owner as the directory has it, or null when the customer is not in it.</summary>
    public async Task<(bool Found, string? Owner)> OwnerOfAsync(string tenant, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT owner FROM pdg_customer_directory WHERE tenant = $1 AND customer_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (true, reader.IsDBNull(0) ? null : reader.GetString(0)) : (false, null);
    }

    private static string Reversed(string digits) => new([.. digits.Reverse()]);

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}

/// <summary>
/// What a directory listing keeps: every given condition holds. <see cref="Owners"/> null: the whole tenant;
/// <see cref="Unowned"/>: only customers without an owner.
/// </summary>
public sealed record DirectoryFilter(string[]? Owners, string? Tag = null, string? Tier = null, string? Status = null, bool? HasOpenNudges = null, string? Query = null)
{
    public bool Unowned { get; init; }
}

/// <summary>Where a page ended: the last row's last interaction and id (pages are ordered by both).</summary>
public sealed record DirectoryCursor(DateTimeOffset? LastInteractionAt, string CustomerId);
