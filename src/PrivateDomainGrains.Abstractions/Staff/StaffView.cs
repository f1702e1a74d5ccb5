namespace PrivateDomainGrains.Abstractions.Staff;

/// <summary>A staff member as the API shows it; <see cref="DisabledAt"/> is set while the member may not sign in.</summary>
[GenerateSerializer, Immutable, Alias("pdg.StaffView")]
public sealed record StaffView(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt)
{
    [Id(3)] public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>One of <see cref="StaffRoles"/>.</summary>
    [Id(4)] public string Role { get; init; } = StaffRoles.Staff;

    /// <summary>The team the staff member belongs to (a manager sees their team's figures and customers); null: none.</summary>
    [Id(5)] public string? Team { get; init; }
}

/// <summary>
/// What sign-in and session checks need: never leaves the cluster and the host. A console token names the
/// <see cref="SessionGeneration"/> it was issued in; disabling the staff member starts a new one, which ends every
/// earlier session at once.
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.StaffCredentials")]
public sealed record StaffCredentials(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string PasswordHash)
{
    [Id(2)] public bool Disabled { get; init; }
    [Id(3)] public int SessionGeneration { get; init; }
    [Id(4)] public string Role { get; init; } = StaffRoles.Staff;
    [Id(5)] public string? Team { get; init; }
}
