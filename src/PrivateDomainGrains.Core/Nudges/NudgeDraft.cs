namespace PrivateDomainGrains.Core.Nudges;

/// <summary>A prompt for the customer's owner, decided by the core; the grain addresses and delivers it.</summary>
public sealed record NudgeDraft(string Id, string Kind, string Title, string Text, string Reason, int Priority);
