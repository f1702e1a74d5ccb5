using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Client;

/// <param name="Departure">The staff member is leaving (离职继承): disabled at once, before the customers move.</param>
public sealed record HandoverRequest(string ToStaffId, bool Departure = false);

/// <summary>A handover's progress; <see cref="Failed"/> customers stay with their owner, and another handover retries them.</summary>
/// <param name="State"><c>running</c> or <c>completed</c>: completed once a pass found nothing left (<see cref="Remaining"/> 0), or after its last pass.</param>
/// <param name="Remaining">What the last pass left with the staff member handing over.</param>
/// <param name="Departure">A departure (离职继承): events still naming the leaver count as the successor's.</param>
public sealed record HandoverView(string HandoverId, string From, string To, string State, long Total, long Moved, long Failed,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long Remaining = 0, bool Departure = false)
{
    [JsonIgnore] public bool Completed => State == "completed";
}

/// <summary>The handover runs in the background: poll <see cref="HandoversClient.GetAsync"/> with <see cref="HandoverId"/>.</summary>
public sealed record HandoverAccepted(string HandoverId, string StatusUrl, HandoverView Handover);
