namespace PrivateDomainGrains.Core.Events;

/// <summary>
/// Something that happened to one customer, as an integration reported it. <see cref="Data"/> holds
/// the type-specific fields (e.g. orderId, amount, currency for <c>order.paid</c>) as strings.
/// </summary>
public sealed record CustomerEvent(
    string Id,
    string CustomerId,
    string Type,
    DateTimeOffset At,
    string? Channel,
    string? StaffId,
    string? Text,
    IReadOnlyDictionary<string, string>? Data)
{
    /// <summary>
    /// The integration sent no time, so <see cref="At"/> is the server's clock on arrival: a resend of the same event gets
    /// another time, so a duplicate is recognised by its id and type alone.
    /// </summary>
    public bool AtOnArrival { get; init; }

    public string? DataValue(string key) => Data is not null && Data.TryGetValue(key, out var v) ? v : null;
}
