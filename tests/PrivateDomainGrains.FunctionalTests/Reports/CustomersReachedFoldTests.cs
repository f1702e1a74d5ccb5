using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// The fold of customers reached (<see cref="ExecutionReach"/>) against a plain distinct count: reaches folded in any
/// order, in several batches, late ones (a day before a customer's latest) and repeated ones among them, over more than a
/// year, read back for every level and many periods, per period and per day, before the last of them were folded and after.
/// </summary>
public sealed class CustomersReachedFoldTests : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2025, 1, 1);
    private static readonly string[] Staff = ["s1", "s2", "s3"];
    private static readonly (string Source, string Variant)[] Sources = [("welcome", ""), ("follow-up", "a"), ("follow-up", "b")];

    private readonly TestDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
    }

    [Fact]
    public async Task Every_level_counts_each_customer_once_per_period_and_per_day_whatever_order_the_reaches_were_folded_in_or_not_yet()
    {
        var random = new Random(12);
        var reaches = RandomReaches(random, 40);
        reaches.AddRange(reaches.Take(10)); // repeated: a second nudge of the same group on the same day
        var rollups = new ExecutionRollups(_dataSource);
        var chunks = reaches.OrderBy(_ => random.Next()).Chunk(37).ToList();
        foreach (var chunk in chunks.SkipLast(2))
        {
            await AppendAsync(chunk);
            await rollups.FoldAsync();
        }
        foreach (var chunk in chunks.TakeLast(2)) await AppendAsync(chunk); // not folded yet: a report counts them all the same

        await AssertCountedAsync(reaches, Periods);
        await rollups.FoldAsync();
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_reach_pending"));
        await AssertCountedAsync(reaches, Periods);
    }

    [Fact]
    public async Task Dropping_the_days_before_a_cutoff_leaves_every_period_from_it_exact_reaches_folded_after_the_drop_included()
    {
        var random = new Random(34);
        var reaches = RandomReaches(random, 40);
        var rollups = new ExecutionRollups(_dataSource);
        var reach = new ExecutionReach(_dataSource);
        await AppendAsync(reaches);
        await rollups.FoldAsync();
        var cutoff = Start.AddDays(200);

        await reach.KeepFromAsync(cutoff);
        var dropped = await reach.DropBeforeAsync(cutoff, batch: 7); // many small batches

        Assert.Equal(cutoff, await reach.KeptFromAsync());
        Assert.True(dropped > reaches.Count(r => r.Day < cutoff) / 2, $"only {dropped} rows dropped");
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            $"SELECT (SELECT count(*) FROM pdg_execution_reach WHERE day < '{cutoff:yyyy-MM-dd}') + (SELECT count(*) FROM pdg_execution_reached WHERE day < '{cutoff:yyyy-MM-dd}')"));
        // Later reaches of the same customers, some on days before the cutoff (nudges acted on late), and some of new ones.
        var later = RandomReaches(random, 50);
        foreach (var chunk in later.Chunk(23))
        {
            await AppendAsync(chunk);
            await rollups.FoldAsync();
        }
        // An earlier cutoff recorded later does not move the first day kept back.
        await reach.KeepFromAsync(Start);
        Assert.Equal(cutoff, await reach.KeptFromAsync());

        await AssertCountedAsync([.. reaches, .. later], [.. Periods.Where(p => p.From >= cutoff)], exactShared: false);
    }

    /// <summary>Periods read back: a whole year, single days, the first and the last days, across the middle.</summary>
    private static readonly (DateOnly From, DateOnly To)[] Periods = [.. new[] { (0, 365), (0, 0), (10, 40), (100, 365), (120, 485), (134, 499), (200, 200),
            (200, 499), (201, 230), (250, 251), (300, 330), (499, 499) }.Select(p => (Start.AddDays(p.Item1), Start.AddDays(p.Item2)))];

    /// <summary>
    /// <paramref name="customers"/> customers, each reached on a handful of days over 500 days (a period is at most 366),
    /// mostly by their own staff member, some by two.
    /// </summary>
    private static List<SharedReach> RandomReaches(Random random, int customers)
    {
        var reaches = new List<SharedReach>();
        for (var c = 0; c < customers; c++)
            for (var k = random.Next(1, 9); k > 0; k--)
            {
                var (source, variant) = Sources[random.Next(Sources.Length)];
                var staff = random.Next(6) == 0 ? Staff[random.Next(Staff.Length)] : Staff[c % Staff.Length];
                reaches.Add(new SharedReach("c" + c, staff, source, variant, Start.AddDays(random.Next(500))));
            }
        return reaches;
    }

    /// <param name="exactShared">
    /// Whether the shared customers read back are exactly those more than one staff member reached; after a drop, a
    /// customer only one staff member reached since may still be listed (harmless: its reaches are one staff member's).
    /// </param>
    private async Task AssertCountedAsync(List<SharedReach> reaches, (DateOnly From, DateOnly To)[] periods, bool exactShared = true)
    {
        var reach = new ExecutionReach(_dataSource);
        var levels = new (string Level, Func<SharedReach, string> Key)[]
        {
            (ReachLevel.Tenant, _ => ""), (ReachLevel.Staff, r => r.StaffId), (ReachLevel.Rule, r => r.Source), (ReachLevel.Variant, r => r.Source + "|" + r.Variant),
            (ReachLevel.StaffRule, r => r.StaffId + "|" + r.Source), (ReachLevel.StaffVariant, r => r.StaffId + "|" + r.Source + "|" + r.Variant),
        };
        foreach (var (from, to) in periods)
        {
            var inPeriod = reaches.Where(r => r.Day >= from && r.Day <= to).ToList();
            foreach (var (level, key) in levels)
            {
                var expected = inPeriod.GroupBy(key).ToDictionary(g => g.Key, g => (long)g.Select(r => r.CustomerId).Distinct().Count());
                var actual = (await reach.ReadAsync("t", from, to, level, false, null))
                    .ToDictionary(r => key(new SharedReach("", r.StaffId, r.Source, r.Variant, r.Day)), r => r.Customers);
                Assert.Equal(expected.OrderBy(e => e.Key), actual.Where(a => a.Value != 0).OrderBy(a => a.Key));

                var perDay = inPeriod.GroupBy(r => (key(r), r.Day)).ToDictionary(g => g.Key, g => (long)g.Select(r => r.CustomerId).Distinct().Count());
                var actualPerDay = (await reach.ReadAsync("t", from, to, level, true, null))
                    .ToDictionary(r => (key(new SharedReach("", r.StaffId, r.Source, r.Variant, r.Day)), r.Day), r => r.Customers);
                Assert.Equal(perDay.OrderBy(e => e.Key), actualPerDay.Where(a => a.Value != 0).OrderBy(a => a.Key));
            }

            static (string, string, string, string, DateOnly) Sorted(SharedReach r) => (r.CustomerId, r.StaffId, r.Source, r.Variant, r.Day);
            var actualShared = (await reach.ReadSharedAsync("t", from, to, null)).Distinct().OrderBy(Sorted).ToList();
            var shared = reaches.GroupBy(r => r.CustomerId).Where(g => g.Select(r => r.StaffId).Distinct().Count() > 1).Select(g => g.Key).ToHashSet();
            if (exactShared)
                Assert.Equal(inPeriod.Where(r => shared.Contains(r.CustomerId)).Distinct().OrderBy(Sorted), actualShared);
            else
            {
                // Every customer two staff members reached in the period is listed with all its reaches in it, and nothing else is.
                var twoInPeriod = inPeriod.GroupBy(r => r.CustomerId).Where(g => g.Select(r => r.StaffId).Distinct().Count() > 1).Select(g => g.Key).ToHashSet();
                Assert.Equal(inPeriod.Where(r => twoInPeriod.Contains(r.CustomerId)).Distinct().OrderBy(Sorted), actualShared.Where(r => twoInPeriod.Contains(r.CustomerId)));
                Assert.All(actualShared, r => Assert.Contains(r, inPeriod));
            }
        }
    }

    private async Task AppendAsync(IEnumerable<SharedReach> reaches)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var r in reaches)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO pdg_execution_reach_pending (tenant, customer_id, staff_id, source, variant, day) VALUES ('t', $1, $2, $3, $4, $5)")
            {
                Parameters = { new() { Value = r.CustomerId }, new() { Value = r.StaffId }, new() { Value = r.Source }, new() { Value = r.Variant }, new() { Value = r.Day } },
            });
        await batch.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
