using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PrivateDomainGrains.Core.Segments;
using PrivateDomainGrains.Core.Tiers;

namespace PrivateDomainGrains.Persistence.Segments;

/// <summary>
/// Compiles a validated <see cref="SegmentFilter"/> to the <c>WHERE</c> of a query over <see cref="From"/> (the
/// directory <c>d</c> and the customer's activity <c>a</c>): every value is a parameter, never part of the text. Scores become bounds on the columns they follow from, so the
/// directory's indexes serve them: recency on <c>last_order_at</c> (as of <c>now</c>, given by the caller so that a
/// count and its pages agree), frequency on <c>orders</c>, monetary on <c>monetary_score</c>; tags use the GIN index,
/// fields the jsonb one; the last interaction and open nudges the activity's (deploy/sql/0054).
/// </summary>
internal sealed class SegmentSql
{
    /// <summary>
    /// The rows a segment is over: the directory and, for the last interaction and the open nudges, the activity. A left
    /// join on the activity's key: PostgreSQL drops it from a query that reads none of its columns, so a filter on the
    /// directory alone reads the directory alone.
    /// </summary>
    public const string From = "pdg_customer_directory d LEFT JOIN pdg_customer_activity a ON a.tenant = d.tenant AND a.customer_id = d.customer_id";

    /// <summary><see cref="From"/> over a block sample of the directory (<c>TABLESAMPLE SYSTEM</c>) of the given percentage.</summary>
    public static string FromSample(string percent) =>
        $"pdg_customer_directory d TABLESAMPLE SYSTEM ({percent}) LEFT JOIN pdg_customer_activity a ON a.tenant = d.tenant AND a.customer_id = d.customer_id";

    private readonly StringBuilder _where = new("d.tenant = $1");

    public List<NpgsqlParameter> Parameters { get; } = [];

    public string Where => _where.ToString();

    public SegmentSql(string tenant, SegmentFilter f, SegmentScope scope, DateTimeOffset now)
    {
        Parameters.Add(new() { Value = tenant });
        if (scope.VisibleOwners is { } visible) And($"(d.owner = ANY({Texts(visible)}) OR d.owner IS NULL)");
        if (f.Tags is { } tags)
        {
            if (tags.Any is { } any) And($"d.tags && {Texts(any)}");
            if (tags.All is { } all) And($"d.tags @> {Texts(all)}");
            if (tags.None is { } none) And($"NOT d.tags && {Texts(none)}");
        }
        if (f.Tiers is { } tiers) And($"d.tier = ANY({Texts(tiers)})");
        if (f.Statuses is { } statuses) And($"d.status = ANY({Texts(statuses)})");
        if (f.Owners is not null || f.Teams is not null || f.Unowned == true)
        {
            var owners = (f.Owners ?? []).Concat(scope.TeamMembers).Distinct(StringComparer.Ordinal).ToArray();
            var anyOf = owners.Length > 0 ? $"d.owner = ANY({Texts(owners)})" : null;
            var none = f.Unowned == true ? "d.owner IS NULL" : null;
            And(anyOf is not null && none is not null ? $"({anyOf} OR {none})" : anyOf ?? none ?? "false");
        }
        if (f.Rfm is { } rfm)
        {
            Recency(rfm.Recency, now);
            Frequency(rfm.Frequency);
            if (rfm.Monetary is { } m)
            {
                if (m.Min is { } min) And($"d.monetary_score >= {Value(min, NpgsqlDbType.Smallint)}");
                if (m.Max is { } max) And($"d.monetary_score <= {Value(max, NpgsqlDbType.Smallint)}");
            }
        }
        foreach (var money in f.LifetimeValue ?? [])
        {
            var value = $"coalesce((d.lifetime_value ->> {Value(money.Currency!)})::numeric, 0)";
            if (money.Min is { } min) And($"{value} >= {Value(min, NpgsqlDbType.Numeric)}");
            if (money.Max is { } max) And($"{value} <= {Value(max, NpgsqlDbType.Numeric)}");
        }
        if (f.LastInteraction is { } li)
        {
            if (li.After is { } after) And($"a.last_interaction_at > {Value(after.UtcDateTime)}");
            if (li.Before is { } before) And($"a.last_interaction_at < {Value(before.UtcDateTime)}");
            if (li.WithinDays is { } within) And($"a.last_interaction_at >= {Value(now.AddDays(-within).UtcDateTime)}");
            if (li.NotWithinDays is { } notWithin)
                And($"(a.last_interaction_at IS NULL OR a.last_interaction_at < {Value(now.AddDays(-notWithin).UtcDateTime)})");
        }
        if (f.OpenNudges is { } open)
        {
            // "> 0" as well, in the text: what lets the partial index of customers with open nudges (0045) serve a
            // parameterised bound, whose value the planner cannot use to prove the index's predicate.
            if (open.Min is { } min) And(min > 0 ? $"a.open_nudges > 0 AND a.open_nudges >= {Value(min)}" : $"a.open_nudges >= {Value(min)}");
            if (open.Max is { } max) And($"a.open_nudges <= {Value(max)}");
        }
        if (f.Fields is { Count: > 0 } fields)
            And($"d.fields @> {Value(JsonSerializer.Serialize(fields), NpgsqlDbType.Jsonb)}");
    }

    /// <summary>
    /// Recency score k or more: the last order at most <see cref="RfmScores.RecencyDays"/>[5-k] days ago (k = 1: any
    /// order); k or less: not within the band above (a customer who never ordered scores 0, so meets every maximum).
    /// </summary>
    private void Recency(CountRange? range, DateTimeOffset now)
    {
        if (range is null) return;
        if (range.Min is { } min and > 0)
            And(min == 1 ? "d.last_order_at IS NOT NULL" : $"d.last_order_at >= {Value(now.AddDays(-RfmScores.RecencyDays[5 - min]).UtcDateTime)}");
        if (range.Max is { } max and < 5)
            And(max == 0 ? "d.last_order_at IS NULL"
                : $"(d.last_order_at IS NULL OR d.last_order_at < {Value(now.AddDays(-RfmScores.RecencyDays[4 - max]).UtcDateTime)})");
    }

    /// <summary>Frequency score k or more: at least <see cref="RfmScores.FrequencyOrders"/>[5-k] orders; k or less: fewer than the band above's.</summary>
    private void Frequency(CountRange? range)
    {
        if (range is null) return;
        if (range.Min is { } min and > 0) And($"d.orders >= {Value(RfmScores.FrequencyOrders[5 - min])}");
        if (range.Max is { } max and < 5) And($"d.orders < {Value(RfmScores.FrequencyOrders[4 - max])}");
    }

    private void And(string condition) => _where.Append(" AND ").Append(condition);

    private string Texts(string[] values) => Value(values, NpgsqlDbType.Array | NpgsqlDbType.Text) + "::text[]";

    private string Value(object value, NpgsqlDbType? type = null)
    {
        var p = new NpgsqlParameter { Value = value };
        if (type is { } t) p.NpgsqlDbType = t;
        Parameters.Add(p);
        return "$" + Parameters.Count;
    }
}
