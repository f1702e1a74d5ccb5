namespace PrivateDomainGrains.Client;

/// <param name="StaffId">1-128 letters, digits and <c>-_.:@</c>; events and WeCom callbacks name staff by it.</param>
/// <param name="Password">The console password, 8-256 characters.</param>
/// <param name="Name">At most 100 characters; the staff id when null.</param>
/// <param name="Role"><c>staff</c> (null: the default), <c>manager</c> or <c>admin</c>.</param>
/// <param name="Team">The team; null: none.</param>
public sealed record CreateStaffRequest(string StaffId, string Password, string? Name = null, string? Role = null, string? Team = null);

/// <summary>Changes to a staff member: null leaves a field as it is, an empty <see cref="Team"/> clears it.</summary>
public sealed record UpdateStaffRequest(string? Name = null, string? Role = null, string? Team = null);

/// <param name="DisabledAt">Set while the staff member may not sign in.</param>
/// <param name="Role"><c>staff</c>, <c>manager</c> (sees their team's figures and customers) or <c>admin</c>.</param>
/// <param name="Team">The team they belong to; null: none.</param>
public sealed record StaffView(string StaffId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt = null, string Role = "staff", string? Team = null);

/// <summary>The tenant's staff, as the API answers them (<see cref="StaffClient.ListAsync"/> returns the items).</summary>
public sealed record StaffList(IReadOnlyList<StaffView> Items);
