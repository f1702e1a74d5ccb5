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

/// <summary>Tier names without boxing: <see cref="Enum.ToString()"/> boxes the value, and every decision names the customer's tier.</summary>
public static class CustomerTiers
{
    private static readonly string[] Names = NamesByValue();

    /// <summary>The tier's name, exactly as <see cref="Enum.ToString()"/> gives it (also for a value without one).</summary>
    public static string Name(this CustomerTier tier) =>
        (uint)tier < (uint)Names.Length && Names[(int)tier] is { } name ? name : tier.ToString();

    private static string[] NamesByValue()
    {
        var values = Enum.GetValues<CustomerTier>();
        var names = new string[values.Max(v => (int)v) + 1];
        foreach (var v in values) names[(int)v] = v.ToString();
        return names;
    }
}
