using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The interactive API reference ("Docs" section, validated at start-up): Scalar over <c>/openapi/v1.json</c>, served at
/// <see cref="Path"/>. On in Development, off elsewhere unless <see cref="Enabled"/> is set; the document itself is
/// always served.
/// </summary>
public sealed class DocsOptions
{
    public const string Section = "Docs";

    /// <summary>Serve the reference; null (the default) means only in the Development environment.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Where the reference is served: a path of letters, digits, <c>-</c> and <c>_</c> below the root.</summary>
    [Required, RegularExpression("^/[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$", ErrorMessage = "Docs:Path must be a path such as /docs")]
    public string Path { get; set; } = "/docs";

    public bool IsEnabled(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}
