namespace PrivateDomainGrains.Abstractions.Staff;

[GenerateSerializer, Immutable, Alias("pdg.StaffView")]
public sealed record StaffView(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt);

/// <summary>What sign-in needs: never leaves the cluster and the host.</summary>
[GenerateSerializer, Immutable, Alias("pdg.StaffCredentials")]
public sealed record StaffCredentials(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string PasswordHash);
