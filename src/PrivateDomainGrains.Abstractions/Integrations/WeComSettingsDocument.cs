namespace PrivateDomainGrains.Abstractions.Integrations;

/// <summary>
/// Stored WeCom settings of one tenant: the CorpID, the Data Protection payload holding Token and EncodingAESKey, and
/// when they were last changed (also what a node's cache compares to notice a change).
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.WeComSettingsDocument")]
public sealed record WeComSettingsDocument(
    [property: Id(0)] string CorpId,
    [property: Id(1)] string ProtectedSecrets,
    [property: Id(2)] DateTimeOffset UpdatedAt);
