namespace PrivateDomainGrains.Client;

/// <summary>
/// The execution report of the nudges raised from <see cref="From"/> to <see cref="To"/> (days in the tenant's time zone,
/// inclusive), grouped by <see cref="GroupBy"/> (staff, team, rule, variant or day); open, snoozed and overdue as of
/// <see cref="GeneratedAt"/>; <see cref="Scope"/> says whose nudges it covers: <c>tenant</c>, <c>team</c> (a manager's) or <c>self</c>.
/// </summary>
public sealed record ExecutionReport(DateOnly From, DateOnly To, string GroupBy, int OverdueAfterSeconds, DateTimeOffset GeneratedAt,
    ExecutionGroup Total, IReadOnlyList<ExecutionGroup> Groups, string Scope)
{
    /// <summary>
    /// The first raised day whose customers reached are kept (the platform's retention); null while every day is. A
    /// report from before it has <see cref="ExecutionGroup.CustomersReached"/> null.
    /// </summary>
    public DateOnly? CustomersReachedFrom { get; init; }
}

/// <summary>
/// The figures of one group (see the API reference, <c>GetExecutionReport</c>): counts of nudges raised in the period,
/// rates of those shown (null when none were), seconds to done, credited replies, orders and revenue per currency, and
/// for a variant its uplift over the rule's holdout.
/// </summary>
public sealed record ExecutionGroup(string Key, string? Rule, string? Variant,
    long Raised, long Shown, long Holdout, long Delivered, long Opened, long Done, long DoneByAction, long DoneWithinHour,
    long NotUseful, long Expired, long Obsolete, long Open, long Snoozed, long Overdue,
    double? DoneRate, double? NotUsefulRate, double? ExpiredRate, double? MedianSecondsToDone, double? P90SecondsToDone,
    long Replies, long Orders, long IttReplies, long IttOrders, IReadOnlyList<RevenueView> Revenue, UpliftView? Uplift)
{
    /// <summary>
    /// Distinct customers with at least one nudge of the group raised in the period that was acted on (Done, or done by
    /// the staff member's own action), each once; a team's counts a customer two of its members reached once. Null when
    /// the period starts before <see cref="ExecutionReport.CustomersReachedFrom"/> (retention dropped its first days' reaches).
    /// </summary>
    public long? CustomersReached { get; init; }

    /// <summary>Attributed revenue per customer reached, per currency (rounded to 2 places); empty when none were reached.</summary>
    public IReadOnlyList<RevenuePerCustomer> RevenuePerCustomerReached { get; init; } = [];
}

/// <summary>Order amounts in one currency: credited to nudges acted on, and within the window after raising (acted on or not).</summary>
public sealed record RevenueView(string Currency, decimal Attributed, decimal Itt);

/// <summary>An amount per customer in one currency: <see cref="Attributed"/> is the attributed revenue per customer reached.</summary>
public sealed record RevenuePerCustomer(string Currency, decimal Attributed);

/// <summary>A variant against its rule's holdout: sample sizes and the uplift of replies and orders with 95% intervals.</summary>
public sealed record UpliftView(long Treated, long Control, UpliftFigure? Reply, UpliftFigure? Order);

/// <summary>Variant rate minus holdout rate, and its 95% interval.</summary>
public sealed record UpliftFigure(double Difference, double Low, double High);

/// <summary>The overdue nudges at <see cref="GeneratedAt"/>, oldest first.</summary>
public sealed record OverdueNudges(DateTimeOffset GeneratedAt, int OverdueAfterSeconds, IReadOnlyList<OverdueNudgeView> Nudges);

/// <summary>One overdue nudge: whose, about which customer, what it asks, since when (<see cref="OpenSeconds"/>).</summary>
public sealed record OverdueNudgeView(string NudgeId, string StaffId, string CustomerId, string? CustomerName, string Title, string Rule,
    string? Variant, DateTimeOffset RaisedAt, DateTimeOffset? ExpiresAt, long OpenSeconds);
