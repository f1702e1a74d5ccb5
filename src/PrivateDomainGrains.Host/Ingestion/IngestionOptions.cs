using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// How events are taken in ("Ingestion" section, validated at start-up): how far ahead of this node's clock an event's
/// <c>at</c> may be, and how many events a node takes on at once (<see cref="EventAdmission"/>).
/// </summary>
public sealed class IngestionOptions : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>Integrations' clocks run a little ahead; further ahead than this is refused, as a wrong time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Events this node is working on at once (posted and not yet answered), all tenants together; a request that would
    /// go over is answered 503 with Retry-After at once. Bounds how long an accepted event can wait: at 10,000 events/s
    /// the default is one second of work. At least one full request (1,000 events).
    /// </summary>
    [Range(1_000, 10_000_000)] public int MaxEventsInFlight { get; set; } = 10_000;

    /// <summary>Of <see cref="MaxEventsInFlight"/>, what one tenant may hold, so one tenant's flood leaves room for the others.</summary>
    [Range(1_000, 10_000_000)] public int MaxEventsInFlightPerTenant { get; set; } = 6_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxEventsInFlightPerTenant > MaxEventsInFlight)
            yield return new ValidationResult($"{nameof(MaxEventsInFlightPerTenant)} cannot be more than {nameof(MaxEventsInFlight)}.",
                [nameof(MaxEventsInFlightPerTenant)]);
    }
}
