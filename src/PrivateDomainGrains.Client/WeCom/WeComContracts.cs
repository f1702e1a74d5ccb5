namespace PrivateDomainGrains.Client;

/// <summary>What WeCom's admin console shows for the callback (接收事件服务器).</summary>
public sealed record WeComSettingsRequest(string CorpId, string Token, string EncodingAesKey);

/// <summary>The settings as the admin key sees them: never the Token or the EncodingAESKey.</summary>
/// <param name="CallbackPath">The path to give WeCom as the callback URL.</param>
public sealed record WeComSettingsView(string? CorpId, bool TokenSet, bool EncodingAesKeySet, DateTimeOffset? UpdatedAt, string CallbackPath,
    WeComCallbackLogSummary Callbacks);

/// <summary>Callbacks of the last 24 hours by outcome, and the latest that stored nothing for a reason to fix.</summary>
public sealed record WeComCallbackLogSummary(DateTimeOffset? LastReceivedAt, IReadOnlyDictionary<string, long> Last24Hours,
    IReadOnlyList<WeComCallbackLogEntry> RecentProblems);

/// <param name="Outcome">accepted, duplicate, unknown-staff, rejected, ignored or malformed.</param>
public sealed record WeComCallbackLogEntry(DateTimeOffset ReceivedAt, string? Event, string? ChangeType, string? UserId, string? ExternalUserId,
    string? EventId, string Outcome, string? Detail);
