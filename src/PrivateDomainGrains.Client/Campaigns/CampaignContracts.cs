namespace PrivateDomainGrains.Client;

/// <summary>One variant of a campaign's script; <see cref="Id"/> is the execution reports' variant.</summary>
public sealed record CampaignVariant(string Id, string Title, string Text);

/// <summary>The nudge each owner gets: title and text with placeholders (<c>{name}</c>, <c>{tier}</c>, <c>{field.city}</c>...), or variants.</summary>
public sealed record CampaignScript(string Title, string Text, IReadOnlyList<CampaignVariant>? Variants = null);

/// <summary>What <see cref="CampaignsClient.CreateAsync"/> sends: a saved segment, a script and a send window.</summary>
/// <param name="Name">1-64 characters.</param>
/// <param name="EndAt">After <paramref name="StartAt"/> and in the future, at most 31 days after it.</param>
public sealed record CampaignRequest(string Name, string SegmentId, CampaignScript Script, DateTimeOffset StartAt, DateTimeOffset EndAt);

/// <summary>A campaign, its progress and (<see cref="CampaignsClient.GetAsync"/>) its results.</summary>
/// <param name="State"><c>running</c>, <c>paused</c>, <c>completed</c>, <c>expired</c> (its window ended first) or <c>cancelled</c>.</param>
/// <param name="MembersTotal">The segment's count when its first page was read.</param>
/// <param name="Reached">Raised + held + withdrawn + suppressed + failed.</param>
/// <param name="Raised">Raised to the owner, when reached or later (held, then raised when the contact policy allowed); a
/// listing and a pause, resume or cancel give the counts as the members were reached, without the later raises.</param>
/// <param name="Held">Still held by the contact policy (caps, quiet hours): raised when it allows.</param>
/// <param name="Withdrawn">Of a cancelled campaign: held, and never to be raised.</param>
/// <param name="Results">Shown, done, replies, orders, revenue... of its nudges, from the execution rollups; null in listings and before any was raised.</param>
public sealed record CampaignView(string CampaignId, string Name, string SegmentId, int SegmentVersion, CampaignScript Script,
    DateTimeOffset StartAt, DateTimeOffset EndAt, string By, string State, long MembersTotal, long Reached, long Raised, long Held, long Withdrawn,
    long Suppressed, long Failed, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, ExecutionGroup? Results);

public sealed record CampaignList(IReadOnlyList<CampaignView> Items);
