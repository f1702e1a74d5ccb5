namespace PrivateDomainGrains.Abstractions.Staff;

/// <summary>
/// What a staff member may see and do in the console: <see cref="Staff"/> their own customers and nudges;
/// <see cref="Manager"/> also their team's (staff with the same team) execution and customers, and reassign them;
/// <see cref="Admin"/> the whole tenant.
/// </summary>
public static class StaffRoles
{
    public const string Staff = "staff";
    public const string Manager = "manager";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Staff, Manager, Admin];

    public static bool IsValid(string? role) => role is Staff or Manager or Admin;
}

/// <summary>One staff member in the tenant's roster: the index of who is in which team with which role.</summary>
[GenerateSerializer, Immutable, Alias("pdg.RosterEntry")]
public sealed record RosterEntry(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Team,
    [property: Id(3)] bool Disabled);
