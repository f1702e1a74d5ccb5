using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PrivateDomainGrains.Core.Segments;
using PrivateDomainGrains.Core.Tiers;

namespace PrivateDomainGrains.Persistence.Segments;

/// <summary>
/// Compiles a validated <see cref="SegmentFilter"/> to the <c>WHERE</c> of a query over <see cref="From"/> (the
/// directory <c>d</c>, the customer's activity <c>a</c>, or both): every value is a parameter, never part of the text. Scores become bounds on the columns they follow from, so the
/// directory's indexes serve them: recency on <c>last_order_at</c> (as of <c>now</c>, given by the caller so that a
/// count and its pages agree), frequency on <c>orders</c>, monetary on <c>monetary_score</c>; tags use the GIN index,
/// fields the jsonb one; the last interaction and open nudges the activity's (deploy/sql/0054).
/// </summary>
internal sealed class SegmentSql
{
    /// <summary>
    /// The directory and, for the last interaction and the open nudges, the activity: a left join on the activity's key,
    /// which PostgreSQL drops from a query that reads none of its columns.
    /// </summary>
    public const string Joined = "pdg_customer_directory d LEFT JOIN pdg_customer_activity a ON a.tenant = d.tenant AND a.customer_id = d.customer_id";

    private const string Activity = "pdg_customer_activity";

    /// <summary>
    /// Whether the filter reads the activity alone (last interaction, open nudges, owners): then it is counted from the
    /// activity table (<c>a</c>), which has a row for each of the directory's and the owner too, without a join: "open
    /// nudges ≥ 1" stays an index-only count of the partial index (cost 5,000 at a million customers, against 64,000 joined).
    /// </summary>
    private readonly bool _activityAlone;

    private readonly StringBuilder _where;

    /// <summary>The conditions on the directory's own columns (all of them when the filter reads the activity alone).</summary>
    private readonly StringBuilder _directoryWhere;

    /// <summary>The conditions on the activity's columns (none when it is read alone: they are all in <see cref="_directoryWhere"/> then).</summary>
    private readonly List<string> _activityConditions = [];

    /// <summary>The rows a count is over: <see cref="Joined"/>, or the activity alone (<c>a</c>) when the filter reads nothing else.</summary>
    public string From => _activityAlone ? $"{Activity} a" : Joined;

    /// <summary>The table <see cref="From"/> starts from, whose block sample an estimate reads.</summary>
    public string Table => _activityAlone ? Activity : "pdg_customer_directory";

    /// <summary>A block sample of <see cref="Table"/> (<c>TABLESAMPLE SYSTEM</c>) of the given percentage, with no join: see <see cref="SampleWhere"/>.</summary>
    public string FromSample(string percent) => _activityAlone
        ? $"{Activity} a TABLESAMPLE SYSTEM ({percent})"
        : $"pdg_customer_directory d TABLESAMPLE SYSTEM ({percent})";

    /// <summary>
    /// <see cref="Where"/> over <see cref="FromSample"/>: the directory's conditions first, then the activity's in a
    /// subquery of the sampled row's own activity (left-joined to one row, as <see cref="Joined"/> reads a missing
    /// one), which an <c>AND</c> evaluates only for rows meeting the rest. A join instead is planned as a hash join
    /// that reads the whole activity table for a sample of 10,000 rows (770 ms at a million customers), or as a
    /// nested loop that looks up every sampled row (75 ms); this looks up only the few that can still match (31 ms loaded).
    /// </summary>
    public string SampleWhere => _activityAlone || _activityConditions.Count == 0 ? Where
        : $"{_directoryWhere} AND EXISTS (SELECT FROM (SELECT) one LEFT JOIN {Activity} a ON a.tenant = d.tenant AND a.customer_id = d.customer_id"
            + $" WHERE {string.Join(" AND ", _activityConditions)})";

    public List<NpgsqlParameter> Parameters { get; } = [];

    public string Where => _where.ToString();

    public SegmentSql(string tenant, SegmentFilter f, SegmentScope scope, DateTimeOffset now)
    {
        _activityAlone = (f.LastInteraction is not null || f.OpenNudges is not null) && f.Tags is null && f.Tiers is null && f.Statuses is null
            && f.Rfm is null && f.LifetimeValue is not { Length: > 0 } && f.Fields is not { Count: > 0 };
        // The owner is in both tables: read from the one the rows come from.
        var owner = _activityAlone ? "a.owner" : "d.owner";
        _where = new(_activityAlone ? "a.tenant = $1" : "d.tenant = $1");
        _directoryWhere = new(_where.ToString());
        Parameters.Add(new() { Value = tenant });
        if (scope.VisibleOwners is { } visible) And($"({owner} = ANY({Texts(visible)}) OR {owner} IS NULL)");
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
            // One owner as "=", not "= ANY": PostgreSQL (before 17) reads an index in order only under equalities, so
            // only then does (tenant, owner, customer_id) (0054) give one owner's members in id order, and a first page
            // stops after its rows instead of matching all of them first (a four-condition first page at a million: 160 ms, then 13).
            var anyOf = owners.Length switch
            {
                0 => null,
                1 => $"{owner} = {Value(owners[0], NpgsqlDbType.Text)}",
                _ => $"{owner} = ANY({Texts(owners)})",
            };
            var none = f.Unowned == true ? $"{owner} IS NULL" : null;
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
            if (li.After is { } after) AndActivity($"a.last_interaction_at > {Value(after.UtcDateTime)}");
            if (li.Before is { } before) AndActivity($"a.last_interaction_at < {Value(before.UtcDateTime)}");
            if (li.WithinDays is { } within) AndActivity($"a.last_interaction_at >= {Value(now.AddDays(-within).UtcDateTime)}");
            if (li.NotWithinDays is { } notWithin)
                AndActivity($"(a.last_interaction_at IS NULL OR a.last_interaction_at < {Value(now.AddDays(-notWithin).UtcDateTime)})");
        }
        if (f.OpenNudges is { } open)
        {
            // "> 0" as well, in the text: what lets the partial index of customers with open nudges (0045) serve a
            // parameterised bound, whose value the planner cannot use to prove the index's predicate.
            if (open.Min is { } min) AndActivity(min > 0 ? $"a.open_nudges > 0 AND a.open_nudges >= {Value(min)}" : $"a.open_nudges >= {Value(min)}");
            if (open.Max is { } max) AndActivity($"a.open_nudges <= {Value(max)}");
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

    private void And(string condition)
    {
        _where.Append(" AND ").Append(condition);
        _directoryWhere.Append(" AND ").Append(condition);
    }

    private void AndActivity(string condition)
    {
        if (_activityAlone) And(condition);
        else
        {
            _where.Append(" AND ").Append(condition);
            _activityConditions.Add(condition);
        }
    }

    private string Texts(string[] values) => Value(values, NpgsqlDbType.Array | NpgsqlDbType.Text) + "::text[]";

    private string Value(object value, NpgsqlDbType? type = null)
    {
        var p = new NpgsqlParameter { Value = value };
        if (type is { } t) p.NpgsqlDbType = t;
        Parameters.Add(p);
        return "$" + Parameters.Count;
    }
}
