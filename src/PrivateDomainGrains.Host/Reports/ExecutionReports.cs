using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Execution;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Persistence;
using static PrivateDomainGrains.Host.Apis.ReportsApi;

namespace PrivateDomainGrains.Host.Reports;

/// <summary>
/// Builds the execution report ("was it done, and how well") from the rollups (<see cref="ExecutionRollups"/>: how
/// the nudges raised in the period closed, how fast, what came of them) and the open nudges now
/// (<see cref="ExecutionOpenNudges"/>), and the customers reached (<see cref="ExecutionReach"/>), grouped as asked and
/// limited to the staff the caller may see. Rollup rows and open counts are both keyed by raised day, staff member,
/// source and variant, so every group adds up exactly; customers reached are distinct per group, so a team's (or a
/// limited view's) are its staff members' less the customers two of them both reached.
/// </summary>
public sealed class ExecutionReports(ExecutionRollups rollups, ExecutionOpenNudges open, ExecutionReach reach, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>Time-to-done buckets ending at or before an hour (<see cref="ExecutionCounts.ActBucketBounds"/>): done within the hour.</summary>
    private static readonly int WithinHourBuckets = Array.IndexOf(ExecutionCounts.ActBucketBounds, 3600) + 1;

    /// <summary>
    /// The report of <paramref name="tenant"/>'s nudges raised from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive), grouped by <paramref name="groupBy"/> (one of <see cref="GroupBys"/>), counting as overdue the open
    /// nudges older than <paramref name="overdueAfter"/>; <paramref name="visible"/> null: every staff member, which
    /// <paramref name="scope"/> names for the reader (tenant, team or self).
    /// </summary>
    public async Task<ExecutionReport> BuildAsync(string tenant, DateOnly from, DateOnly to, string groupBy, TimeSpan overdueAfter,
        IReadOnlySet<string>? visible, string scope, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var keep = groupBy switch
        {
            "rule" => RollupDimensions.Source,
            "variant" => RollupDimensions.Source | RollupDimensions.Variant,
            "day" => RollupDimensions.Day,
            _ => RollupDimensions.Staff, // staff, and team: the roster maps each staff member to their team
        };
        // Independent reads, each one small indexed query (or two), at once.
        var rowsRead = rollups.ReadAsync(tenant, from, to, keep, visible, ct);
        var openRead = open.CountAsync(tenant, from, to, now, now - overdueAfter, keep, visible, ct);
        var keptFrom = await reach.KeptFromAsync(ct);
        // Customers reached of days retention dropped cannot be counted: unknown (null) rather than too few.
        var reachedRead = keptFrom > from ? Task.FromResult<ReachedFigures?>(null) : ReadReachedAsync(tenant, from, to, groupBy, visible, ct);
        var teams = groupBy == "team"
            ? (await grains.GetGrain<ITenantGrain>(tenant).GetRosterAsync()).ToDictionary(r => r.StaffId, r => r.Team ?? "", StringComparer.Ordinal)
            : null;
        var (rows, openCounts, reached) = (await rowsRead, await openRead, await reachedRead);
        string KeyOf(DateOnly day, string staffId, string source, string variant) => groupBy switch
        {
            "team" => teams!.GetValueOrDefault(staffId, ""),
            "rule" => source,
            "variant" => VariantKey(source, variant),
            "day" => day.ToString("yyyy-MM-dd"),
            _ => staffId,
        };

        var groups = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        var total = new Accumulator();
        Accumulator GroupOf(string key, string source, string variant)
        {
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = new Accumulator { Source = source, Variant = variant };
            return group;
        }
        foreach (var row in rows)
        {
            GroupOf(KeyOf(row.Day, row.StaffId, row.Source, row.Variant), row.Source, row.Variant).Counts.Add(row.Counts);
            total.Counts.Add(row.Counts);
        }
        foreach (var c in openCounts)
        {
            var group = GroupOf(KeyOf(c.Day, c.StaffId, c.Source, c.Variant), c.Source, c.Variant);
            group.AddOpen(c);
            total.AddOpen(c);
        }

        if (reached is not null)
        {
            foreach (var r in reached.Groups) GroupOf(KeyOf(r.Day, r.StaffId, r.Source, r.Variant), r.Source, r.Variant).Reached += r.Customers;
            // A customer that n staff members of a group reached is in their n figures: counted n - 1 times too many.
            foreach (var g in reached.Shared.GroupBy(r => (Key: KeyOf(r.Day, r.StaffId, r.Source, r.Variant), r.CustomerId)))
                GroupOf(g.Key.Key, g.First().Source, g.First().Variant).Reached -= g.Select(r => r.StaffId).Distinct(StringComparer.Ordinal).Count() - 1;
            total.Reached = reached.Total;
        }

        var views = groups.Select(g => g.Value.View(g.Key, groupBy, reached is not null)).ToList();
        if (groupBy == "variant") views = [.. views.Select(v => v with { Uplift = UpliftOf(v, groups) })];
        return new ExecutionReport(from, to, groupBy, (int)overdueAfter.TotalSeconds, now, total.View("", "total", reached is not null), views, scope, keptFrom);
    }

    /// <summary>The overdue nudges now of <paramref name="visible"/> (null: everyone), oldest first.</summary>
    public async Task<OverdueNudges> OverdueAsync(string tenant, TimeSpan overdueAfter, IReadOnlySet<string>? visible, int limit, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await open.ReadOverdueAsync(tenant, now, now - overdueAfter, visible, limit, ct);
        return new OverdueNudges(now, (int)overdueAfter.TotalSeconds, [.. rows.Select(r => new OverdueNudgeView(
            r.NudgeId, r.StaffId, r.CustomerId, r.CustomerName, r.Title, r.Source, r.Variant == "" ? null : r.Variant, r.RaisedAt, r.ExpiresAt,
            (long)(now - r.RaisedAt).TotalSeconds))]);
    }

    /// <summary>
    /// Staff a console user may see: an admin everyone (null), a manager their team and themself, a staff member themself.
    /// </summary>
    public async Task<IReadOnlySet<string>?> VisibleToAsync(string tenant, string staffId, string role, string? team)
    {
        if (role == StaffRoles.Admin) return null;
        var visible = new HashSet<string>(StringComparer.Ordinal) { staffId };
        if (role == StaffRoles.Manager && team is not null)
            foreach (var entry in await grains.GetGrain<ITenantGrain>(tenant).GetRosterAsync())
                if (entry.Team == team) visible.Add(entry.StaffId);
        return visible;
    }

    private static string VariantKey(string source, string variant) => source + "|" + variant;

    /// <summary>
    /// The customers reached per group (before a team's are put together) and in total. A whole tenant's report by staff
    /// member, rule, variant or day, and its total, read the level that counts exactly those groups; a team, and any
    /// report limited to some staff (a manager's, a staff member's), read the staff members' own figures (per rule or
    /// variant when grouped so) and the reaches of customers several staff members reached, so that
    /// <see cref="BuildAsync"/> can count each of those once per group.
    /// </summary>
    private async Task<ReachedFigures?> ReadReachedAsync(string tenant, DateOnly from, DateOnly to, string groupBy, IReadOnlySet<string>? visible,
        CancellationToken ct)
    {
        var perDay = groupBy == "day";
        var tenantTotal = visible is null ? reach.ReadAsync(tenant, from, to, ReachLevel.Tenant, false, null, ct) : null;
        if (visible is null && groupBy != "team")
        {
            var level = groupBy switch { "rule" => ReachLevel.Rule, "variant" => ReachLevel.Variant, "day" => ReachLevel.Tenant, _ => ReachLevel.Staff };
            var rows = await reach.ReadAsync(tenant, from, to, level, perDay, null, ct);
            return new ReachedFigures(rows, [], (await tenantTotal!).Sum(r => r.Customers));
        }
        var staffLevel = groupBy switch { "rule" => ReachLevel.StaffRule, "variant" => ReachLevel.StaffVariant, _ => ReachLevel.Staff };
        var staffRead = reach.ReadAsync(tenant, from, to, staffLevel, perDay, visible, ct);
        var sharedRead = reach.ReadSharedAsync(tenant, from, to, visible, ct);
        var staffTotalRead = visible is null || (staffLevel == ReachLevel.Staff && !perDay) ? null : reach.ReadAsync(tenant, from, to, ReachLevel.Staff, false, visible, ct);
        var (staffRows, shared) = (await staffRead, await sharedRead);
        if (tenantTotal is not null) return new ReachedFigures(staffRows, shared, (await tenantTotal).Sum(r => r.Customers));
        var staffTotal = (staffTotalRead is null ? staffRows : await staffTotalRead).Sum(r => r.Customers);
        return new ReachedFigures(staffRows, shared,
            staffTotal - shared.GroupBy(r => r.CustomerId).Sum(g => g.Select(r => r.StaffId).Distinct(StringComparer.Ordinal).Count() - 1));
    }

    /// <param name="Groups">Customers reached per group of the level read.</param>
    /// <param name="Shared">When <see cref="Groups"/> are staff members' figures to be added up: the reaches of customers more than one staff member reached.</param>
    /// <param name="Total">Customers reached by every group together, each once.</param>
    private sealed record ReachedFigures(List<ReachedRow> Groups, List<SharedReach> Shared, long Total);

    /// <summary>
    /// A shown variant's conversion after raising (intention to treat: replies and orders within the attribution window
    /// of every nudge raised, acted on or not) over its rule's holdout, per nudge raised, by <see cref="Uplift.Of"/>. Null
    /// for the holdout itself and for the "" variant: nudges raised before the rule had variants, which the holdout
    /// (drawn only while they are tested) was never a control for.
    /// </summary>
    private static UpliftView? UpliftOf(ExecutionGroup group, SortedDictionary<string, Accumulator> groups)
    {
        if (group.Variant == PlaybookValidator.HoldoutVariant || string.IsNullOrEmpty(group.Variant)
            || !groups.TryGetValue(VariantKey(group.Rule!, PlaybookValidator.HoldoutVariant), out var holdout)) return null;
        var control = holdout.Counts;
        static UpliftFigure? Figure((double Difference, double Low, double High)? u) => u is { } v ? new UpliftFigure(v.Difference, v.Low, v.High) : null;
        return new UpliftView(group.Raised, control.Raised,
            Figure(Uplift.Of(group.IttReplies, group.Raised, control.IttReplies, control.Raised)),
            Figure(Uplift.Of(group.IttOrders, group.Raised, control.IttOrders, control.Raised)));
    }

    private sealed class Accumulator
    {
        public ExecutionCounts Counts { get; } = new();
        public string Source { get; init; } = "";
        public string Variant { get; init; } = "";

        /// <summary>Distinct customers reached (<see cref="ExecutionReach"/>).</summary>
        public long Reached { get; set; }

        private long _open, _snoozed, _overdue;

        public void AddOpen(OpenNudgeCount c) => (_open, _snoozed, _overdue) = (_open + c.Open, _snoozed + c.Snoozed, _overdue + c.Overdue);

        /// <param name="reachedKnown">Whether <see cref="Reached"/> was read: false when retention dropped reaches of the period.</param>
        public ExecutionGroup View(string key, string groupBy, bool reachedKnown)
        {
            var c = Counts;
            return new ExecutionGroup(key,
                groupBy is "rule" or "variant" ? Source : null,
                groupBy == "variant" ? Variant : null,
                c.Raised, c.Shown, c.Holdout, c.Delivered, c.Opened, c.Done, c.DoneByAction, c.ActBuckets.Take(WithinHourBuckets).Sum(),
                c.NotUseful, c.Expired, c.Obsolete, _open, _snoozed, _overdue,
                c.DoneRate, c.NotUsefulRate, c.ExpiredRate, c.MedianSecondsToDone, c.P90SecondsToDone,
                c.Replies, c.Orders, c.IttReplies, c.IttOrders,
                [.. c.Revenue.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RevenueView(r.Key, r.Value.Attributed, r.Value.Itt))],
                null, reachedKnown ? Reached : null,
                !reachedKnown || Reached == 0 ? [] : [.. c.Revenue.OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new RevenuePerCustomer(r.Key, Math.Round(r.Value.Attributed / Reached, 2, MidpointRounding.AwayFromZero)))]);
        }
    }
}
