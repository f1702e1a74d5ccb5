using Orleans.Serialization.Cloning;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>
/// How a <see cref="CustomerEvent"/> (the core's event, which knows nothing of Orleans) crosses the wire to its
/// customer's grain. The field ids are the wire contract: never renumber.
/// </summary>
[GenerateSerializer, Alias("pdg.CustomerEvent")]
public struct CustomerEventSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public string CustomerId;
    [Id(2)] public string Type;
    [Id(3)] public DateTimeOffset At;
    [Id(4)] public string? Channel;
    [Id(5)] public string? StaffId;
    [Id(6)] public string? Text;
    [Id(7)] public Dictionary<string, string>? Data;
    [Id(8)] public bool AtOnArrival;
}

[RegisterConverter]
public sealed class CustomerEventConverter : IConverter<CustomerEvent, CustomerEventSurrogate>
{
    public CustomerEvent ConvertFromSurrogate(in CustomerEventSurrogate s) =>
        new(s.Id, s.CustomerId, s.Type, s.At, s.Channel, s.StaffId, s.Text, s.Data) { AtOnArrival = s.AtOnArrival };

    public CustomerEventSurrogate ConvertToSurrogate(in CustomerEvent e) => new()
    {
        Id = e.Id,
        CustomerId = e.CustomerId,
        Type = e.Type,
        At = e.At,
        Channel = e.Channel,
        StaffId = e.StaffId,
        Text = e.Text,
        Data = e.Data?.ToDictionary(StringComparer.Ordinal),
        AtOnArrival = e.AtOnArrival,
    };
}

/// <summary>A <see cref="CustomerEvent"/> never changes once parsed, so a call within a silo passes it as it is, uncopied.</summary>
[RegisterCopier]
public sealed class CustomerEventCopier : IDeepCopier<CustomerEvent>
{
    public CustomerEvent? DeepCopy(CustomerEvent? input, CopyContext context) => input;
}
