namespace PrivateDomainGrains.Persistence;

/// <summary>
/// A customer's row in the directory (<c>pdg_customer_directory</c>) and its activity (<c>pdg_customer_activity</c>:
/// the owner, <see cref="LastInteractionAt"/> and <see cref="OpenNudges"/>): what lists, filters and searches need.
/// </summary>
/// <remarks>
/// A row with <see cref="ActivityOnly"/> set carries only the values that change with nearly every event (the open
/// nudges and the last interaction) for a customer whose row is otherwise as stored: it is written as an update of the
/// narrow activity row alone, not of the wide directory row and its indexes.
/// </remarks>
public sealed record DirectoryRow(
    string Tenant,
    string CustomerId,
    string? Owner,
    string? DisplayName,
    string? Remark,
    string[] Tags,
    string Tier,
    string Status,
    DateTimeOffset? LastInteractionAt,
    int OpenNudges) : ICustomerRow
{
    /// <summary>
    /// Only <see cref="LastInteractionAt"/> and <see cref="OpenNudges"/> are to be written: the rest of the stored row is
    /// still right (the writer saw it written). Its other values are not read.
    /// </summary>
    public bool ActivityOnly { get; init; }

    /// <summary>An <see cref="ActivityOnly"/> row: the customer's last interaction and open nudges, nothing else.</summary>
    public static DirectoryRow Activity(string tenant, string customerId, DateTimeOffset? lastInteractionAt, int openNudges) =>
        new(tenant, customerId, null, null, null, [], "", "", lastInteractionAt, openNudges) { ActivityOnly = true };

    /// <summary>The customer's phone number (the custom field <c>phone</c>): not kept in the row, only its last digits in the search index.</summary>
    public string? Phone { get; init; }

    /// <summary>Paid orders (the frequency score follows from it, <c>Core/Tiers/RfmScores.cs</c>).</summary>
    public int Orders { get; init; }

    /// <summary>When the latest paid order was placed (the recency score follows from it); null when none was.</summary>
    public DateTimeOffset? LastOrderAt { get; init; }

    /// <summary>Monetary score, 0-5, of the lifetime value in the customer's own currency.</summary>
    public int MonetaryScore { get; init; }

    /// <summary>Lifetime value (paid minus refunded) per ISO 4217 currency code; never added across currencies.</summary>
    public IReadOnlyDictionary<string, decimal> LifetimeValue { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The customer's custom fields by name (the playbook's <c>setField</c>, e.g. <c>city</c>).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>What the search index holds for it (<see cref="SearchGrams"/> of the name, remark and id, and the phone's last digits).</summary>
    public string[] SearchGrams => field ??= [.. Persistence.SearchGrams.Of(DisplayName, Remark,
        CustomerId.Length > Persistence.SearchGrams.MaxIdLength ? CustomerId[..Persistence.SearchGrams.MaxIdLength] : CustomerId),
        .. Persistence.SearchGrams.OfPhone(Phone)];
}
