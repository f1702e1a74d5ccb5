using PrivateDomainGrains.Core.Campaigns;

namespace PrivateDomainGrains.Abstractions.Campaigns;

/// <summary>What a campaign sends to whom and when.</summary>
/// <param name="SegmentId">The saved segment whose members it reaches, as they are when each page is read.</param>
/// <param name="SegmentVersion">The segment's version when the campaign was created.</param>
/// <param name="Script">The nudge's title and text with placeholders, or its variants.</param>
/// <param name="StartAt">Members are reached from this moment ...</param>
/// <param name="EndAt">... to this one: pages are released at an even pace over the window; members not reached by its end never are.</param>
/// <param name="By">Who created it: "admin" (admin key) or the console user's staff id.</param>
/// <param name="Owners">Whose customers it reaches (and the unowned, which the policy suppresses): a manager's team from the
/// console; null for the whole tenant (admin key, an admin).</param>
[GenerateSerializer, Immutable, Alias("pdg.CampaignSpec")]
public sealed record CampaignSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string SegmentId,
    [property: Id(2)] int SegmentVersion,
    [property: Id(3)] CampaignScript Script,
    [property: Id(4)] DateTimeOffset StartAt,
    [property: Id(5)] DateTimeOffset EndAt,
    [property: Id(6)] string By,
    [property: Id(7)] string[]? Owners = null);

/// <summary>
/// A campaign's progress. <see cref="MembersTotal"/> is the segment's count when it started; each member reached ends
/// <see cref="Raised"/>, <see cref="Held"/> (by the contact policy: raised later, when it allows), <see cref="Suppressed"/>
/// or <see cref="Failed"/> (unknown customer, an error), as its nudge was when reached; <see cref="Reached"/> is their sum.
/// What became of the held since, the execution facts say (<c>Core/Campaigns/CampaignCounts.cs</c> settles the two). A completed campaign has
/// reached every member its pages listed, restarts included.
/// </summary>
/// <param name="State">A <see cref="CampaignStates"/> value.</param>
[GenerateSerializer, Immutable, Alias("pdg.CampaignView")]
public sealed record CampaignView(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] CampaignSpec Spec,
    [property: Id(2)] string State,
    [property: Id(3)] long MembersTotal,
    [property: Id(4)] long Reached,
    [property: Id(5)] long Raised,
    [property: Id(6)] long Held,
    [property: Id(7)] long Suppressed,
    [property: Id(8)] long Failed,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt);

/// <summary>The values of <see cref="CampaignView.State"/>.</summary>
public static class CampaignStates
{
    /// <summary>Waiting for its window or working through its pages.</summary>
    public const string Running = "running";
    public const string Paused = "paused";
    /// <summary>Every member was reached.</summary>
    public const string Completed = "completed";
    /// <summary>Its window ended first: the members left were not reached.</summary>
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
}
