using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>
/// The tenant's execution per staff member after the run, as the platform reports it (<c>GET
/// /api/v1/tenants/{tenant}/reports/execution?groupBy=staff</c>, read through the SDK once the drain is over): what
/// happened to the nudges the load raised. Days are the tenant's, inclusive; the run asks from the day before to the day
/// after its start in UTC, which covers any tenant time zone.
/// </summary>
/// <param name="Total">Every staff member added up (the report's own total).</param>
/// <param name="Staff">One row per staff member with anything raised or open, ordered by staff id (ordinal).</param>
/// <param name="Error">Why the report could not be read (then the rows are empty): the run's other figures stand.</param>
public sealed record ExecutionFigures(DateOnly From, DateOnly To, StaffExecution? Total, IReadOnlyList<StaffExecution> Staff, string? Error)
{
    /// <summary>The summary of a report grouped by staff member.</summary>
    /// <exception cref="ArgumentException">The report is grouped by something else.</exception>
    public static ExecutionFigures Of(ExecutionReport report) => report.GroupBy == "staff"
        ? new(report.From, report.To, Row(report.Total), [.. report.Groups.Select(Row)], null)
        : throw new ArgumentException($"an execution report grouped by staff, not by {report.GroupBy}", nameof(report));

    /// <summary>No summary: the report of <paramref name="from"/> to <paramref name="to"/> could not be read, for <paramref name="error"/>.</summary>
    public static ExecutionFigures Unavailable(DateOnly from, DateOnly to, string error) => new(from, to, null, [], error);

    private static StaffExecution Row(ExecutionGroup g) => new(g.Key, g.Raised, g.Shown, g.Done + g.DoneByAction, g.DoneRate,
        g.MedianSecondsToDone, g.NotUseful, g.Expired, g.Open, g.Replies, g.Orders);
}

/// <summary>One staff member's execution (the report's figures of the nudges raised in the period).</summary>
/// <param name="StaffId">The staff id; "" for the total and for the unassigned queue.</param>
/// <param name="Shown">Raised and not held out: the nudges the staff member was given.</param>
/// <param name="Done">Done in the console or by the staff member's own observed action.</param>
/// <param name="DoneRate">Done / Shown (0-1); null when nothing was shown.</param>
/// <param name="MedianSecondsToAct">Median seconds from raised to done, interpolated within the report's time buckets; null when nothing was done.</param>
/// <param name="Open">Still open when the report was read.</param>
/// <param name="Replies">Customer replies credited to these nudges by the attribution rule.</param>
/// <param name="Orders">Orders credited likewise.</param>
public sealed record StaffExecution(string StaffId, long Raised, long Shown, long Done, double? DoneRate, double? MedianSecondsToAct,
    long NotUseful, long Expired, long Open, long Replies, long Orders);
