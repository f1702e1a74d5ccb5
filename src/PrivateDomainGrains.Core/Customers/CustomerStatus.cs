namespace PrivateDomainGrains.Core.Customers;

/// <summary>Whether the customer can still be reached. Persisted by name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CustomerStatus>))]
public enum CustomerStatus
{
    /// <summary>Seen in events but never added as a friend.</summary>
    Unknown,
    /// <summary>A current friend or follower.</summary>
    Active,
    /// <summary>Deleted the staff account: a lost customer.</summary>
    Lost,
}
