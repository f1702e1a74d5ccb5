namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>One simulated week of one run. Counts are over the whole population; money in CNY.</summary>
public sealed class WeekStats
{
    /// <summary>Proactive nudges raised to owners.</summary>
    public long Raised { get; set; }
    /// <summary>Proactive nudges the owner acted on, so the customer got the message.</summary>
    public long Delivered { get; set; }
    public long Dismissed { get; set; }
    /// <summary>Orders a proactive message caused (the simulator knows; the engine only sees what its attribution credits).</summary>
    public long Conversions { get; set; }
    /// <summary>The sum, over delivered messages, of their true chance of causing an order: conversions without the dice.</summary>
    public double ExpectedConversions { get; set; }
    public long Replies { get; set; }
    public double Revenue { get; set; }
    public double ExpectedRevenue { get; set; }
    /// <summary>Orders customers placed on their own (the same under every policy, but for customers a policy lost).</summary>
    public double OrganicRevenue { get; set; }
    public long LostFriends { get; set; }
    /// <summary>Learning signals recorded into the tenant's model (all sources) and those of proactive sources.</summary>
    public long Outcomes { get; set; }
    public long ProactiveOutcomes { get; set; }
    public long CapViolations { get; set; }
    public long QuietHourViolations { get; set; }
}

/// <summary>What one proactive source (rule or SOP step) did over a run.</summary>
public sealed class SourceStats
{
    public long Raised { get; set; }
    public long Delivered { get; set; }
    public long Conversions { get; set; }
    public double ExpectedConversions { get; set; }
    public double Revenue { get; set; }
    /// <summary>What the model believed at the end: posterior mean of the source over all segments (engine policy only).</summary>
    public double? LearnedPropensity { get; set; }
}

/// <summary>Whole-run figures besides the weekly ones.</summary>
public sealed class RunTotals
{
    public long Decisions { get; set; }
    public double WallSeconds { get; set; }
    public long CapViolations { get; set; }
    public long QuietHourViolations { get; set; }
    public List<string> ViolationExamples { get; set; } = [];
    /// <summary>Proactive messages that reached the customer in their quiet hours because the owner acted late (not the engine's to prevent).</summary>
    public long DeliveredInQuietHours { get; set; }
    /// <summary>Mean reading weight (1 = the customer's peak hour) at the moment proactive messages were delivered.</summary>
    public double MeanReadingAtDelivery { get; set; }
    /// <summary>
    /// The same customers' reading weight at their best hour outside quiet hours: what delivering each message at the
    /// customer's best allowed hour would have had (the engine does not time nudges to the customer's hours today).
    /// </summary>
    public double MeanBestReadingAllowed { get; set; }
    /// <summary>Held nudges per customer at the end: mean and largest (they wait for the caps and never expire).</summary>
    public double HeldPerCustomerMean { get; set; }
    public int HeldPerCustomerMax { get; set; }
    public long CustomersJoined { get; set; }
    /// <summary>
    /// Friends lost without the dice: the summed chance, over delivered proactive messages, that each made the customer
    /// delete the friend (<see cref="ResponseModel.UnsubscribeChance"/>), and the part of it from touches beyond the
    /// customer's tolerance.
    /// </summary>
    public double ExpectedLostFriends { get; set; }
    public double ExpectedLostFromFlood { get; set; }
    /// <summary>Delivered proactive messages that went beyond the customer's tolerance of touches in 7 days.</summary>
    public long DeliveredOverTolerance { get; set; }
    /// <summary>Delivered proactive messages that were at least the fourth in 7 days (the caps allow 3 raises a week; owners' delays can bunch them).</summary>
    public long DeliveredFourthIn7Days { get; set; }
    /// <summary>Printed with the run, not written: see <see cref="PickCounts"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public PickCounts Picks { get; set; } = new();
}

/// <summary>One policy on one seed.</summary>
public sealed class RunResult
{
    public required string Policy { get; init; }
    public required int Seed { get; init; }
    public required int Customers { get; init; }
    public required WeekStats[] Weekly { get; init; }
    public required Dictionary<string, SourceStats> BySource { get; init; }
    public required RunTotals Totals { get; init; }
}
