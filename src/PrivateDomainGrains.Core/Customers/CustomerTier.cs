namespace PrivateDomainGrains.Core.Customers;

/// <summary>Value tier. Persisted by name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CustomerTier>))]
public enum CustomerTier
{
    /// <summary>Has not bought yet.</summary>
    Prospect,
    /// <summary>One paid order: the second purchase is the key lever.</summary>
    FirstPurchase,
    /// <summary>Two or more paid orders.</summary>
    Repeat,
}
