namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// The nudge rules of API contract v1, as the load test expects them: for a customer with an owner,
/// friend.added raises "welcome", message.received "reply", friend.deleted "customer-lost"; nothing else raises one.
/// Kept here rather than borrowed from the server, so a server that drifts from the contract shows up as lost or unexpected nudges.
/// </summary>
public static class NudgeRules
{
    public static string? KindFor(string eventType) => eventType switch
    {
        "friend.added" => "welcome",
        "message.received" => "reply",
        "friend.deleted" => "customer-lost",
        _ => null,
    };
}
