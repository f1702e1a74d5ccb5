using System.ComponentModel.DataAnnotations;
using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// How events naming their customer by identities are resolved for tenants without settings of their own
/// (<c>PUT /tenants/{tenant}/identities/settings</c>) ("Identities" section, validated at start-up).
/// </summary>
public sealed class IdentityOptions : IValidatableObject
{
    public const string Section = "Identities";

    /// <summary>The region national phone numbers are read in (ISO 3166 alpha-2, as libphonenumber knows it).</summary>
    public string DefaultRegion { get; set; } = "CN";

    /// <summary>
    /// Event types that create a customer when their strongest identity names nobody yet; other types wait in the
    /// pending pool (orders by default: an order under an unknown phone is rarely a new person, more often one not
    /// yet linked).
    /// </summary>
    public string[] CreateCustomerOn { get; set; } = ["friend.added"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IdentityNormalizer.IsKnownRegion(DefaultRegion ?? ""))
            yield return new($"Identities:DefaultRegion '{DefaultRegion}' is not a region libphonenumber knows (ISO 3166 alpha-2, e.g. CN)", [nameof(DefaultRegion)]);
    }
}
