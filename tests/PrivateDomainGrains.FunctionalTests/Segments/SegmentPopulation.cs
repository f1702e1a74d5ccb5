using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.Core.Tiers;

namespace PrivateDomainGrains.FunctionalTests.Segments;

/// <summary>
/// A generated directory population and an in-memory evaluation of a <see cref="SegmentFilter"/> over it, written from
/// the filter's documented meaning rather than from the SQL, so the two can disagree. Every time in it lies half a day
/// off a whole number of days before <see cref="Base"/>, so no "within N days" or score band is crossed while a test runs.
/// </summary>
internal sealed class SegmentPopulation
{
    public static readonly string[] Staff = ["alice", "bob", "carol"];
    public static readonly string[] TagPool = ["VIP", "油皮", "干皮", "投诉", "新客"];
    public static readonly string[] Tiers = ["Prospect", "FirstPurchase", "Repeat", "SuperUser", "Dormant"];
    public static readonly string[] Statuses = ["Unknown", "Active", "Lost"];
    public static readonly string[] Cities = ["上海", "北京", "成都"];

    public sealed record Row(string CustomerId, string? Owner, string[] Tags, string Tier, string Status, DateTimeOffset? LastInteractionAt,
        int OpenNudges, int Orders, DateTimeOffset? LastOrderAt, int MonetaryScore, Dictionary<string, decimal> LifetimeValue, Dictionary<string, string> Fields);

    public DateTimeOffset Base { get; } = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(12);

    public List<Row> Rows { get; } = [];

    public SegmentPopulation(int count, int seed)
    {
        var random = new Random(seed);
        DateTimeOffset? DaysAgo(int maxDays) => random.Next(5) == 0 ? null : Base.AddDays(-random.Next(maxDays) - 0.5);
        for (var i = 0; i < count; i++)
        {
            var orders = random.Next(4) == 0 ? 0 : random.Next(1, 13);
            var cny = orders == 0 ? 0 : random.Next(-100, 15_000);
            var value = new Dictionary<string, decimal>();
            if (orders > 0) value["CNY"] = cny;
            if (random.Next(4) == 0) value["USD"] = random.Next(0, 2_000);
            var fields = new Dictionary<string, string>();
            if (random.Next(3) > 0) fields["city"] = Cities[random.Next(Cities.Length)];
            if (random.Next(2) == 0) fields["level"] = random.Next(2) == 0 ? "gold" : "silver";
            Rows.Add(new Row($"c{i:D5}", random.Next(5) == 0 ? null : Staff[random.Next(Staff.Length)],
                [.. TagPool.Where(_ => random.Next(3) == 0)], Tiers[random.Next(Tiers.Length)], Statuses[random.Next(Statuses.Length)],
                DaysAgo(120), random.Next(4), orders, orders == 0 ? null : Base.AddDays(-random.Next(500) - 0.5),
                orders == 0 ? 0 : RfmScores.MonetaryOf(cny), value, fields));
        }
    }

    /// <summary>Writes the rows straight into the directory and its activity, as the customers' commits would have.</summary>
    public async Task InsertAsync(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH d AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::int[], $9::int[],
                    $10::timestamptz[], $11::smallint[], $12::jsonb[], $13::jsonb[]) AS d(id, owner, tags, tier, status, li, open, orders, lo, m, v, f)),
            directory AS (
                INSERT INTO pdg_customer_directory (tenant, customer_id, owner, tags, tier, status, orders, last_order_at, monetary_score, lifetime_value, fields)
                SELECT $1, d.id, d.owner, d.tags::text[], d.tier, d.status, d.orders, d.lo, d.m, d.v, d.f FROM d)
            INSERT INTO pdg_customer_activity (tenant, customer_id, owner, last_interaction_at, open_nudges)
            SELECT $1, d.id, d.owner, d.li, d.open FROM d
            """, connection);
        object Times(IEnumerable<DateTimeOffset?> times) => times.Select(t => t is { } at ? (object)at.UtcDateTime : DBNull.Value).ToArray();
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = Rows.Select(r => r.CustomerId).ToArray() });
        command.Parameters.Add(new() { Value = Rows.Select(r => (object?)r.Owner ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = Rows.Select(r => "{" + string.Join(",", r.Tags.Select(t => "\"" + t + "\"")) + "}").ToArray() });
        command.Parameters.Add(new() { Value = Rows.Select(r => r.Tier).ToArray() });
        command.Parameters.Add(new() { Value = Rows.Select(r => r.Status).ToArray() });
        command.Parameters.Add(new() { Value = Times(Rows.Select(r => r.LastInteractionAt)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = Rows.Select(r => r.OpenNudges).ToArray() });
        command.Parameters.Add(new() { Value = Rows.Select(r => r.Orders).ToArray() });
        command.Parameters.Add(new() { Value = Times(Rows.Select(r => r.LastOrderAt)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = Rows.Select(r => (short)r.MonetaryScore).ToArray() });
        command.Parameters.Add(new() { Value = Rows.Select(r => JsonSerializer.Serialize(r.LifetimeValue)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = Rows.Select(r => JsonSerializer.Serialize(r.Fields)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A random filter: each kind of condition present about a third of the time, bounds drawn around the population's.</summary>
    public static SegmentFilter RandomFilter(Random random, DateTimeOffset @base)
    {
        bool Maybe() => random.Next(3) == 0;
        string[]? Some(string[] pool) => pool.Where(_ => random.Next(2) == 0).ToArray() is { Length: > 0 } picked ? picked : null;
        CountRange Range(int most)
        {
            var (a, b) = (random.Next(most + 1), random.Next(most + 1));
            return random.Next(3) switch { 0 => new(Math.Min(a, b), null), 1 => new(null, Math.Max(a, b)), _ => new(Math.Min(a, b), Math.Max(a, b)) };
        }
        return new SegmentFilter(
            Tags: Maybe() ? new TagCondition(Maybe() ? Some(TagPool) : null, Maybe() ? Some(TagPool) : null, Maybe() ? Some(TagPool) : null) : null,
            Tiers: Maybe() ? Some(Tiers) : null,
            Statuses: Maybe() ? Some(Statuses) : null,
            Owners: Maybe() ? Some(Staff) : null,
            Teams: Maybe() ? Some(["north", "south"]) : null,
            Unowned: Maybe() ? true : null,
            Rfm: Maybe() ? new RfmCondition(Maybe() ? Range(5) : null, Maybe() ? Range(5) : null, Maybe() ? Range(5) : null) : null,
            LifetimeValue: Maybe() ? [random.Next(3) switch
            {
                0 => new MoneyRange(random.Next(2) == 0 ? "CNY" : "USD", Min: random.Next(-50, 5000)),
                1 => new MoneyRange(random.Next(2) == 0 ? "CNY" : "USD", Max: random.Next(0, 16000)),
                _ => new MoneyRange(random.Next(2) == 0 ? "CNY" : "USD", random.Next(-50, 5000), random.Next(5000, 16000)),
            }] : null,
            LastInteraction: Maybe() ? random.Next(4) switch
            {
                0 => new InteractionCondition(WithinDays: random.Next(1, 120)),
                1 => new InteractionCondition(NotWithinDays: random.Next(1, 120)),
                2 => new InteractionCondition(After: @base.AddDays(-random.Next(1, 120))),
                _ => new InteractionCondition(Before: @base.AddDays(-random.Next(1, 60)), After: @base.AddDays(-random.Next(60, 120))),
            } : null,
            OpenNudges: Maybe() ? Range(3) : null,
            Fields: Maybe() ? (random.Next(2) == 0 ? new Dictionary<string, string> { ["city"] = Cities[random.Next(Cities.Length)] }
                : new Dictionary<string, string> { ["city"] = Cities[random.Next(Cities.Length)], ["level"] = "gold" }) : null);
    }

    /// <summary>Whether <paramref name="r"/> meets <paramref name="f"/> at <paramref name="now"/>, from the filter's documented meaning.</summary>
    public static bool Matches(SegmentFilter f, Row r, DateTimeOffset now, IReadOnlyDictionary<string, string> teams)
    {
        if (f.Tags is { } tags)
        {
            if (tags.Any is { } any && !any.Any(r.Tags.Contains)) return false;
            if (tags.All is { } all && !all.All(r.Tags.Contains)) return false;
            if (tags.None is { } none && none.Any(r.Tags.Contains)) return false;
        }
        if (f.Tiers is { } tiers && !tiers.Contains(r.Tier)) return false;
        if (f.Statuses is { } statuses && !statuses.Contains(r.Status)) return false;
        if (f.Owners is not null || f.Teams is not null || f.Unowned == true)
        {
            var owned = r.Owner is { } owner && ((f.Owners?.Contains(owner) ?? false) || (f.Teams?.Contains(teams.GetValueOrDefault(owner)) ?? false));
            if (!owned && !(f.Unowned == true && r.Owner is null)) return false;
        }
        if (f.Rfm is { } rfm)
        {
            var recency = r.Orders == 0 ? 0 : RfmScores.RecencyOf((now - r.LastOrderAt!.Value).TotalDays);
            if (!Within(rfm.Recency, recency) || !Within(rfm.Frequency, RfmScores.FrequencyOf(r.Orders)) || !Within(rfm.Monetary, r.MonetaryScore)) return false;
        }
        foreach (var money in f.LifetimeValue ?? [])
        {
            var value = r.LifetimeValue.GetValueOrDefault(money.Currency);
            if (value < money.Min || value > money.Max) return false;
        }
        if (f.LastInteraction is { } li)
        {
            var at = r.LastInteractionAt;
            if (li.After is { } after && !(at > after)) return false;
            if (li.Before is { } before && !(at < before)) return false;
            if (li.WithinDays is { } within && !(at >= now.AddDays(-within))) return false;
            if (li.NotWithinDays is { } notWithin && at >= now.AddDays(-notWithin)) return false;
        }
        if (!Within(f.OpenNudges, r.OpenNudges)) return false;
        return f.Fields is null || f.Fields.All(field => r.Fields.TryGetValue(field.Key, out var v) && v == field.Value);

        static bool Within(CountRange? range, int value) => range is null || (!(value < range.Min) && !(value > range.Max));
    }
}
