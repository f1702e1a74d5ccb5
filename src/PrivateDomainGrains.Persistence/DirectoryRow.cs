namespace PrivateDomainGrains.Persistence;

/// <summary>A customer's row in the directory (<c>pdg_customer_directory</c>): what lists, filters and searches need.</summary>
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
    /// <summary>The customer's phone number (the custom field <c>phone</c>): not kept in the row, only its last digits in the search index.</summary>
    public string? Phone { get; init; }

    /// <summary>What the search index holds for it (<see cref="SearchGrams"/> of the name, remark and id, and the phone's last digits).</summary>
    public string[] SearchGrams => field ??= [.. Persistence.SearchGrams.Of(DisplayName, Remark,
        CustomerId.Length > Persistence.SearchGrams.MaxIdLength ? CustomerId[..Persistence.SearchGrams.MaxIdLength] : CustomerId),
        .. Persistence.SearchGrams.OfPhone(Phone)];
}
