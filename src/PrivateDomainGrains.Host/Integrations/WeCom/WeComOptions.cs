using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>WeCom callback limits (section <c>WeCom</c>), validated at start-up.</summary>
public sealed class WeComOptions : IValidatableObject
{
    public const string Section = "WeCom";

    /// <summary>How far a callback's timestamp may be from this node's clock, either way; older ones are refused as stale.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")] public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a callback may wait for its event to be stored before it is answered 503 (WeCom then retries, and the
    /// retry is a duplicate if the first did get stored). Below WeCom's 5 s limit, so WeCom hears an answer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:04.500")] public TimeSpan IngestTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long handled callbacks are kept in <c>pdg_wecom_callbacks</c> (replay check and the operator's view).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")] public TimeSpan CallbackRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Largest callback body, in bytes.</summary>
    [Range(1024, 1024 * 1024)] public int MaxBodyBytes { get; set; } = WeComXml.MaxCharacters;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A replayed request is recognised by its row, and is refused as stale once its timestamp is out of tolerance:
        // rows must outlive both sides of the tolerance window.
        if (CallbackRetention <= 2 * TimestampTolerance)
            yield return new ValidationResult("WeCom:CallbackRetention must be more than twice WeCom:TimestampTolerance", [nameof(CallbackRetention)]);
    }
}
