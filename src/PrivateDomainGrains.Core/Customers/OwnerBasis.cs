using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>How a customer's owner was chosen. Persisted by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OwnerBasis>))]
public enum OwnerBasis
{
    /// <summary>Chosen by someone (the API, a handover): it stays until someone changes it.</summary>
    Assigned,
    /// <summary>The customer's first follower by event time: a follower heard of late who came first takes over.</summary>
    Follower,
    /// <summary>The playbook's fallback owner, while the customer has no follower.</summary>
    Fallback,
}
