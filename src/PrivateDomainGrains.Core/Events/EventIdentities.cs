using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Events;

/// <summary>
/// The identities an event carried, kept in its <c>data</c> under <c>identity.{kind}</c> in their normalised form
/// (<c>identity.phone</c> = <c>+8613800138000</c>), so the journal records by what the event named its customer and
/// the commit that journals the event adds its strong identities to the index in the same transaction. The prefix is
/// the platform's: an integration cannot send such data keys itself.
/// </summary>
public static class EventIdentities
{
    public const string DataPrefix = "identity.";

    /// <summary>The identities recorded in the event's data (all kinds, weak ones included).</summary>
    public static IEnumerable<CustomerIdentity> Of(CustomerEvent e)
    {
        if (e.Data is null) yield break;
        foreach (var (key, value) in e.Data)
        {
            if (key.StartsWith(DataPrefix, StringComparison.Ordinal)) yield return new CustomerIdentity(key[DataPrefix.Length..], value);
        }
    }

    /// <summary>The event for <paramref name="customerId"/>, with <paramref name="identities"/> recorded in its data.</summary>
    public static CustomerEvent Attach(CustomerEvent e, string customerId, IEnumerable<CustomerIdentity> identities)
    {
        var data = e.Data is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(e.Data, StringComparer.Ordinal);
        foreach (var identity in identities) data[DataPrefix + identity.Kind] = identity.Value;
        return e with { CustomerId = customerId, Data = data.Count == 0 ? null : data };
    }
}
