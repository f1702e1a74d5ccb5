using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence;

/// <summary>A customer who may be the one a nickname-only event is about, for the person who picks.</summary>
/// <param name="Similarity">0-1: the Dice coefficient of the two-character pieces of the folded nickname and the
/// customer's name (or remark, whichever is closer); 1 when they are equal.</param>
public sealed record PendingCandidate(string CustomerId, string? DisplayName, string? Owner, DateTimeOffset? LastInteractionAt, double Similarity);

/// <summary>
/// Candidates for a pending event named by nickname: customers of the directory (<c>pdg_customer_directory</c>) sharing
/// a two-character piece of the folded nickname with their name or remark (its GIN index finds them), ranked by
/// similarity, then the most recently active, then those with an owner. A suggestion only: a nickname never
/// attaches an event by itself.
/// </summary>
public sealed class PendingCandidates(NpgsqlDataSource dataSource)
{
    /// <summary>Customers the index considers before ranking.</summary>
    public const int Considered = 200;

    public async Task<List<PendingCandidate>> ForNicknameAsync(string tenant, string nickname, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT d.customer_id, d.display_name, d.remark, d.owner, a.last_interaction_at FROM pdg_customer_directory d
            LEFT JOIN pdg_customer_activity a ON a.tenant = d.tenant AND a.customer_id = d.customer_id
            WHERE d.tenant = $1 AND d.search_grams && $2::text[]
            ORDER BY a.last_interaction_at DESC NULLS LAST, d.customer_id LIMIT {Considered}
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = SearchGrams.ForQuery(nickname), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var found = new List<PendingCandidate>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                string? Nullable(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                var (name, remark) = (Nullable(1), Nullable(2));
                var similarity = Math.Max(Similarity(nickname, name), Similarity(nickname, remark));
                if (similarity > 0)
                    found.Add(new PendingCandidate(reader.GetString(0), name, Nullable(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), similarity));
            }
        }
        return [.. found.OrderByDescending(c => c.Similarity).ThenByDescending(c => c.LastInteractionAt ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Owner is null).ThenBy(c => c.CustomerId, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>Dice coefficient of the folded texts' two-element pieces (single elements for one-element texts).</summary>
    public static double Similarity(string a, string? b)
    {
        if (string.IsNullOrWhiteSpace(b)) return 0;
        var (x, y) = (SearchGrams.Fold(a.Trim()), SearchGrams.Fold(b.Trim()));
        if (x == y) return 1;
        var (px, py) = (Pieces(x), Pieces(y));
        var shared = px.Intersect(py).Count();
        return px.Count + py.Count == 0 ? 0 : Math.Round(2.0 * shared / (px.Count + py.Count), 3);
    }

    private static HashSet<string> Pieces(string text)
    {
        var starts = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToArray();
        if (starts.Length <= 2) return [text];
        return [.. Enumerable.Range(0, starts.Length - 2).Select(i => text[starts[i]..starts[i + 2]])];
    }
}
