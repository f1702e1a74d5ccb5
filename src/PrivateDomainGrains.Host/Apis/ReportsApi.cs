using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Reports;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Execution reports for managers: was each prompted action done, how fast, and what came of it, per staff member,
/// team, rule, variant or day; and the overdue nudges now. For integrations (integration key, the whole tenant) and for
/// the console (a console token: an admin sees the tenant, a manager their team, a staff member themself).
/// </summary>
public static class ReportsApi
{
    /// <summary>What a report may be grouped by: staff member, team, rule (or sequence/step), variant under test, raised day.</summary>
    public static readonly IReadOnlyList<string> GroupBys = ["staff", "team", "rule", "variant", "day"];

    /// <summary>The longest period one report covers, in days.</summary>
    public const int MaxDays = 366;

    public const int MaxOverdue = 500;

    /// <summary>
    /// The execution report of the nudges raised from <see cref="From"/> to <see cref="To"/> (days in the tenant's time
    /// zone, inclusive; a nudge counts under the day it was raised, whenever it closed).
    /// </summary>
    /// <param name="OverdueAfterSeconds">An open, unsnoozed nudge raised longer ago than this is overdue.</param>
    /// <param name="GeneratedAt">When the report was read: open, snoozed and overdue are as of then; the closed counts are exact at that moment.</param>
    /// <param name="Total">Every group added up.</param>
    /// <param name="Groups">One per key, ordered by key (ordinal); a group with nothing raised in the period may still have open nudges.</param>
    /// <param name="Scope">Whose nudges it covers: <c>tenant</c> (the integration key, an admin), <c>team</c> (a manager's team and themself) or <c>self</c>.</param>
    /// <param name="CustomersReachedFrom">The first raised day whose customers reached are kept
    /// (<c>Retention:CustomersReached:Days</c>, 400 by default; the other figures are kept for ever); null while every day
    /// is. A report whose <see cref="From"/> is before it answers <c>customersReached</c> null: it cannot count them.</param>
    public sealed record ExecutionReport(DateOnly From, DateOnly To, string GroupBy, int OverdueAfterSeconds, DateTimeOffset GeneratedAt,
        ExecutionGroup Total, IReadOnlyList<ExecutionGroup> Groups, string Scope, DateOnly? CustomersReachedFrom);

    /// <summary>
    /// The figures of one group. Counts are of nudges raised in the period; rates are of the nudges shown (raised and not
    /// held out), null when none were.
    /// </summary>
    /// <param name="Key">The staff id, team ("" for none), rule, <c>rule|variant</c>, or day (yyyy-MM-dd); "" for the total.</param>
    /// <param name="Rule">The rule (or <c>sequence/step</c>) when grouped by rule or variant.</param>
    /// <param name="Variant">The variant when grouped by variant: "" for a rule not under test, <c>holdout</c> for the held-out customers.</param>
    /// <param name="Shown">Raised minus held out: the nudges staff were given.</param>
    /// <param name="Holdout">Decisions recorded for held-out customers, never shown.</param>
    /// <param name="Delivered">Shown nudges that reached a connected console.</param>
    /// <param name="Opened">Nudges their staff member opened (or opened the customer of).</param>
    /// <param name="Done">Closed as Done in the console.</param>
    /// <param name="DoneByAction">Closed by the staff member's own observed action (e.g. a <c>message.sent</c>).</param>
    /// <param name="DoneWithinHour">Done (either way) within an hour of being raised.</param>
    /// <param name="NotUseful">Closed as Not useful.</param>
    /// <param name="Expired">Closed unanswered at their expiry.</param>
    /// <param name="Obsolete">Closed by the platform because they no longer applied (customer lost, relationship ended).</param>
    /// <param name="Open">Still open now.</param>
    /// <param name="Snoozed">Open and snoozed now.</param>
    /// <param name="Overdue">Open, not snoozed, raised more than <see cref="ExecutionReport.OverdueAfterSeconds"/> ago.</param>
    /// <param name="DoneRate">(Done + DoneByAction) / Shown.</param>
    /// <param name="NotUsefulRate">NotUseful / Shown.</param>
    /// <param name="ExpiredRate">Expired / Shown.</param>
    /// <param name="MedianSecondsToDone">Median seconds from raised to done, interpolated within the rollups' time buckets (under 1, 2, 5, 10, 30 minutes, 1, 2, 4, 8, 24 hours, 3 days); null when nothing was done.</param>
    /// <param name="P90SecondsToDone">The 90th percentile, likewise.</param>
    /// <param name="Replies">Customer replies credited to these nudges (within the attribution window after one was acted on; the most recent acted-on nudge of the customer).</param>
    /// <param name="Orders">Orders credited likewise.</param>
    /// <param name="IttReplies">Nudges followed by a reply within the attribution window after raising, acted on or not (for variant tests).</param>
    /// <param name="IttOrders">Nudges followed by an order likewise.</param>
    /// <param name="Revenue">Order amounts per currency (never added across currencies).</param>
    /// <param name="Uplift">When grouped by variant and the rule has a holdout: this variant's conversion over the holdout's.</param>
    /// <param name="CustomersReached">Distinct customers reached: those with at least one nudge of the group raised in the
    /// period that was acted on (Done, or done by the staff member's own action: the nudges replies and orders are credited
    /// to), each once however many of their nudges were; a team's counts a customer two of its staff members reached once.
    /// A nudge delivered or opened but not acted on, not useful, expired or obsolete reaches no one; a nudge handed over
    /// while open reaches its customer for whoever acts on it; a personal-data erasure leaves the figure as it leaves the
    /// others. Null when the period starts before <see cref="ExecutionReport.CustomersReachedFrom"/>: the reaches of its
    /// first days were dropped by retention.</param>
    /// <param name="RevenuePerCustomerReached">Attributed revenue per customer reached, per currency (rounded to 2 places); empty when none were reached or they are not known.</param>
    public sealed record ExecutionGroup(string Key, string? Rule, string? Variant,
        long Raised, long Shown, long Holdout, long Delivered, long Opened, long Done, long DoneByAction, long DoneWithinHour,
        long NotUseful, long Expired, long Obsolete, long Open, long Snoozed, long Overdue,
        double? DoneRate, double? NotUsefulRate, double? ExpiredRate, double? MedianSecondsToDone, double? P90SecondsToDone,
        long Replies, long Orders, long IttReplies, long IttOrders, IReadOnlyList<RevenueView> Revenue, UpliftView? Uplift,
        long? CustomersReached, IReadOnlyList<RevenuePerCustomer> RevenuePerCustomerReached);

    /// <summary>Order amounts in one currency (ISO 4217 as the events gave it).</summary>
    /// <param name="Attributed">Of orders credited to nudges acted on.</param>
    /// <param name="Itt">Of orders within the attribution window after raising, acted on or not.</param>
    public sealed record RevenueView(string Currency, decimal Attributed, decimal Itt);

    /// <summary>An amount per customer in one currency.</summary>
    /// <param name="Attributed">Revenue credited to the group's nudges acted on, divided by its customers reached.</param>
    public sealed record RevenuePerCustomer(string Currency, decimal Attributed);

    /// <summary>
    /// A variant against its rule's holdout, per nudge raised: the difference of the share followed by a reply (an
    /// order) within the attribution window, with its 95% interval by Newcombe's hybrid score method (Wilson intervals
    /// of each arm; <c>Core/Execution/Uplift.cs</c>). Null figures: an arm is empty.
    /// </summary>
    /// <param name="Treated">Nudges raised with this variant (the sample size).</param>
    /// <param name="Control">Decisions held out for the rule (the control's sample size).</param>
    public sealed record UpliftView(long Treated, long Control, UpliftFigure? Reply, UpliftFigure? Order);

    /// <summary>Variant rate minus holdout rate, and its 95% interval (each within -1..1).</summary>
    public sealed record UpliftFigure(double Difference, double Low, double High);

    /// <summary>The overdue nudges now, oldest first.</summary>
    public sealed record OverdueNudges(DateTimeOffset GeneratedAt, int OverdueAfterSeconds, IReadOnlyList<OverdueNudgeView> Nudges);

    /// <param name="CustomerName">The customer's display name, when known.</param>
    /// <param name="Variant">The variant under test, if any.</param>
    /// <param name="OpenSeconds">Seconds since it was raised.</param>
    public sealed record OverdueNudgeView(string NudgeId, string StaffId, string CustomerId, string? CustomerName, string Title, string Rule,
        string? Variant, DateTimeOffset RaisedAt, DateTimeOffset? ExpiresAt, long OpenSeconds);

    private const string ReportProblem = "'from' or 'to' is not a date as yyyy-MM-dd from 2000-01-01 to 2999-12-31, 'to' is before 'from' or more than 366 days after it, " +
        "'groupBy' is not staff, team, rule, variant or day, or 'overdueAfter' is not a duration like 30m or 2h";
    private const string OverdueProblem = "'overdueAfter' is not a duration like 30m or 2h, 'limit' is not 1-500, or 'staffId' is not a valid id";

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var tenant = api.MapGroup("/tenants/{tenant}/reports/execution").WithTags("Reports").RequireIntegrationKey();
        tenant.MapGet("", GetExecutionAsync).WithName("GetExecutionReport")
            .WithSummary("Execution per staff member, team, rule, variant or day: raised, done, not useful, expired, open and overdue, time to done, credited replies, orders and revenue, customers reached and revenue per customer reached, uplift over holdouts. ?from=&to=(yyyy-MM-dd)&groupBy=&overdueAfter=(1h)")
            .WithProblem(StatusCodes.Status400BadRequest, ReportProblem);
        tenant.MapGet("/overdue", GetOverdueAsync).WithName("GetExecutionOverdue")
            .WithSummary("The overdue nudges now, oldest first: open, not snoozed, raised longer ago than ?overdueAfter= (1h); ?staffId= for one staff member, ?limit=1-500 (100).")
            .WithProblem(StatusCodes.Status400BadRequest, OverdueProblem);

        var console = api.MapGroup("/console/reports/execution").WithTags("Reports").RequireConsoleToken();
        console.MapGet("", GetConsoleExecutionAsync).WithName("GetConsoleExecutionReport")
            .WithSummary("The execution report for the signed-in staff member: an admin's covers the tenant, a manager's their team, anyone else's themself. Same parameters as GetExecutionReport.")
            .WithProblem(StatusCodes.Status400BadRequest, ReportProblem);
        console.MapGet("/overdue", GetConsoleOverdueAsync).WithName("GetConsoleExecutionOverdue")
            .WithSummary("The overdue nudges now that the signed-in staff member may see (as GetConsoleExecutionReport). Same parameters as GetExecutionOverdue.")
            .WithProblem(StatusCodes.Status400BadRequest, OverdueProblem)
            .WithProblem(StatusCodes.Status403Forbidden, "'staffId' names a staff member outside the caller's team");
        return api;
    }

    private static async Task<Results<Ok<ExecutionReport>, ProblemHttpResult>> GetExecutionAsync(
        string tenant, string? from, string? to, string? groupBy, string? overdueAfter, ExecutionReports reports, CancellationToken ct)
    {
        if (ReadPeriod(from, to, groupBy, overdueAfter, out var query) is { } problem) return problem;
        return TypedResults.Ok(await reports.BuildAsync(tenant, query.From, query.To, query.GroupBy, query.OverdueAfter, null, "tenant", ct));
    }

    private static async Task<Results<Ok<ExecutionReport>, ProblemHttpResult>> GetConsoleExecutionAsync(
        ConsoleUser user, string? from, string? to, string? groupBy, string? overdueAfter, ExecutionReports reports, CancellationToken ct)
    {
        if (ReadPeriod(from, to, groupBy, overdueAfter, out var query) is { } problem) return problem;
        var visible = await reports.VisibleToAsync(user.Tenant, user.StaffId, user.Role, user.Team);
        var scope = user.IsAdmin ? "tenant" : user.IsManager && user.Team is not null ? "team" : "self";
        return TypedResults.Ok(await reports.BuildAsync(user.Tenant, query.From, query.To, query.GroupBy, query.OverdueAfter, visible, scope, ct));
    }

    private static async Task<Results<Ok<OverdueNudges>, ProblemHttpResult>> GetOverdueAsync(
        string tenant, string? overdueAfter, string? staffId, [Range(1, MaxOverdue)] int? limit, ExecutionReports reports, CancellationToken ct)
    {
        if (ReadOverdue(overdueAfter, staffId, limit, out var after) is { } problem) return problem;
        var only = staffId is null ? null : new HashSet<string>([staffId], StringComparer.Ordinal);
        return TypedResults.Ok(await reports.OverdueAsync(tenant, after, only, limit ?? 100, ct));
    }

    private static async Task<Results<Ok<OverdueNudges>, ProblemHttpResult>> GetConsoleOverdueAsync(
        ConsoleUser user, string? overdueAfter, string? staffId, [Range(1, MaxOverdue)] int? limit, ExecutionReports reports, CancellationToken ct)
    {
        if (ReadOverdue(overdueAfter, staffId, limit, out var after) is { } problem) return problem;
        var visible = await reports.VisibleToAsync(user.Tenant, user.StaffId, user.Role, user.Team);
        if (staffId is not null)
        {
            if (visible is not null && !visible.Contains(staffId)) return Problems.Forbidden(ApiPhrases.NotInYourTeam.Say(staffId));
            visible = new HashSet<string>([staffId], StringComparer.Ordinal);
        }
        return TypedResults.Ok(await reports.OverdueAsync(user.Tenant, after, visible, limit ?? 100, ct));
    }

    private readonly record struct ReportQuery(DateOnly From, DateOnly To, string GroupBy, TimeSpan OverdueAfter);

    private static ProblemHttpResult? ReadPeriod(string? from, string? to, string? groupBy, string? overdueAfter, out ReportQuery query)
    {
        query = default;
        if (!TryDate(from, out var start)) return Problems.BadRequest("from", ApiPhrases.ReportDate.Say("from", EarliestDate, LatestDate));
        if (!TryDate(to, out var end)) return Problems.BadRequest("to", ApiPhrases.ReportDate.Say("to", EarliestDate, LatestDate));
        if (end < start) return Problems.BadRequest("to", ApiPhrases.ToBeforeFrom.Say());
        if (end.DayNumber - start.DayNumber >= MaxDays) return Problems.BadRequest("to", ApiPhrases.ToWithin.Say(MaxDays));
        var by = groupBy ?? "staff";
        if (!GroupBys.Contains(by)) return Problems.BadRequest("groupBy", ApiPhrases.FieldOneOf.Say("groupBy", WordedList.Each(GroupBys)));
        if (!TryOverdueAfter(overdueAfter, out var after)) return Problems.BadRequest("overdueAfter", ApiPhrases.OverdueAfter.Say());
        query = new ReportQuery(start, end, by, after);
        return null;
    }

    private static ProblemHttpResult? ReadOverdue(string? overdueAfter, string? staffId, int? limit, out TimeSpan after)
    {
        if (!TryOverdueAfter(overdueAfter, out after)) return Problems.BadRequest("overdueAfter", ApiPhrases.OverdueAfter.Say());
        if (limit is < 1 or > MaxOverdue) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, MaxOverdue));
        if (staffId is not null && !Ids.IsValid(staffId)) return Problems.InvalidId("staffId");
        return null;
    }

    /// <summary>
    /// The days a report may name: a period is widened by days on either side to cover every time zone (and DateOnly
    /// ends at 9999-12-31), so the calendar's ends are out of reach; these leave room to spare and hold any real history.
    /// </summary>
    private static readonly DateOnly EarliestDate = new(2000, 1, 1), LatestDate = new(2999, 12, 31);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date >= EarliestDate && date <= LatestDate;

    private static bool TryOverdueAfter(string? text, out TimeSpan after)
    {
        after = TimeSpan.FromHours(1);
        return text is null || (Durations.TryParse(text, out after) && after > TimeSpan.Zero);
    }
}
