namespace PrivateDomainGrains.Core.Customers;

/// <summary>Value tier. Persisted by name: add new values at the end, never rename.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CustomerTier>))]
public enum CustomerTier
{
    /// <summary>Has not bought yet.</summary>
    Prospect,
    /// <summary>One paid order: the second purchase is the key lever.</summary>
    FirstPurchase,
    /// <summary>Two or more paid orders.</summary>
    Repeat,
    /// <summary>Meets the tenant's super-user thresholds (the 20% who bring 80% of revenue).</summary>
    SuperUser,
    /// <summary>No interaction for the tenant's dormancy period: a re-engagement target.</summary>
    Dormant,
}
