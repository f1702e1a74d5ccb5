using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Grains.Identities;

/// <summary>How an identity import pages through its rows.</summary>
public sealed class IdentityImportOptions
{
    public const string Section = "IdentityImports";

    /// <summary>Rows read, added to the index in one statement, and recorded per page; the cursor and counts are saved after each.</summary>
    [Range(1, 50_000)] public int PageSize { get; set; } = 5_000;
}
