namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// What became of a callback that passed signature, time, replay and corp checks. WeCom is answered with success in
/// every case (it would retry the others forever); only a storage failure makes it retry. Stored in
/// <c>pdg_wecom_callbacks.outcome</c> and counted in <c>pdg_wecom_callbacks</c> under the names of <see cref="WeComOutcomes"/>.
/// </summary>
public enum WeComOutcome
{
    /// <summary>Mapped and stored as a new event.</summary>
    Accepted,
    /// <summary>Mapped, but its event id was stored before (a WeCom retry).</summary>
    Duplicate,
    /// <summary>Mapped, but its UserID is not a staff member of the tenant: nothing stored, logged at warning level.</summary>
    UnknownStaff,
    /// <summary>Mapped, but the event failed the platform's event validation (e.g. an ExternalUserID with characters ids may not hold).</summary>
    Rejected,
    /// <summary>A callback the platform deliberately maps to nothing (chat, tag, edit...).</summary>
    Ignored,
    /// <summary>A contact callback without the fields its change type needs.</summary>
    Malformed,
}

public static class WeComOutcomes
{
    public static string Name(this WeComOutcome outcome) => outcome switch
    {
        WeComOutcome.Accepted => "accepted",
        WeComOutcome.Duplicate => "duplicate",
        WeComOutcome.UnknownStaff => "unknown-staff",
        WeComOutcome.Rejected => "rejected",
        WeComOutcome.Ignored => "ignored",
        WeComOutcome.Malformed => "malformed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
