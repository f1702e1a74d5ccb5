namespace PrivateDomainGrains.Client;

public sealed record ConsoleTokenRequest(string Tenant, string StaffId, string Password);

/// <param name="AccessToken">The JWT: <c>Authorization: Bearer</c> on console routes, the hub's access token.</param>
/// <param name="ExpiresAt">When it stops working: renew it before (<see cref="AuthClient.RefreshAsync"/>).</param>
public sealed record ConsoleToken(string AccessToken, DateTimeOffset ExpiresAt, string Tenant, string StaffId);
