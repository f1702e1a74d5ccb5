namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>What the owner did with a nudge on the console. Feeds the tenant's propensity model.</summary>
[GenerateSerializer, Alias("pdg.NudgeResponse")]
public enum NudgeResponse
{
    /// <summary>Done: the owner acted as suggested.</summary>
    Acted = 0,
    /// <summary>Not useful: the owner dismissed it.</summary>
    Dismissed = 1,
}
