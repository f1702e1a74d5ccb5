using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>Platform-wide secrets and limits, validated at start-up.</summary>
public sealed class PlatformOptions : IValidatableObject
{
    public const string Section = "Platform";

    /// <summary>Key of the platform operator: creates tenants and reads node statistics.</summary>
    [Required, MinLength(16)] public string OperatorKey { get; set; } = "";

    /// <summary>Base64 HMAC-SHA256 key signing console tokens; every node of a cluster must share it.</summary>
    [Required] public string TokenSigningKey { get; set; } = "";

    [Range(typeof(TimeSpan), "00:01:00", "24:00:00")] public TimeSpan ConsoleTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public byte[] SigningKeyBytes => Convert.FromBase64String(TokenSigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        byte[]? key = null;
        try { key = SigningKeyBytes; } catch (FormatException) { }
        if (key is null || key.Length < 32)
            yield return new ValidationResult("Platform:TokenSigningKey must be base64 of at least 32 random bytes", [nameof(TokenSigningKey)]);
    }
}
