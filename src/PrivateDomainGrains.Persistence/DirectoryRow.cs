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
    /// <summary>What the search index holds for it (<see cref="SearchGrams"/> of the name, remark and id).</summary>
    public string[] SearchGrams => field ??= Persistence.SearchGrams.Of(DisplayName, Remark,
        CustomerId.Length > Persistence.SearchGrams.MaxIdLength ? CustomerId[..Persistence.SearchGrams.MaxIdLength] : CustomerId);
}
