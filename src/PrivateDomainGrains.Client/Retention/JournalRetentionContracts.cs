namespace PrivateDomainGrains.Client;

/// <param name="Days">Days of events the journal keeps, by each event's <c>at</c>: 1-36500; null keeps every event.</param>
public sealed record JournalRetentionRequest(int? Days);

/// <summary>A pass dropping events before <see cref="Cutoff"/>, customer by customer; <see cref="FinishedAt"/> null while under way.</summary>
public sealed record JournalRetentionPass(DateTimeOffset StartedAt, DateTimeOffset Cutoff, long Customers, long Dropped, DateTimeOffset? FinishedAt);

/// <summary>The tenant's journal retention: days kept (null: all), the current or last pass, and events dropped by every pass.</summary>
public sealed record JournalRetentionView(int? Days, DateTimeOffset? UpdatedAt, JournalRetentionPass? Pass, long DroppedTotal);
