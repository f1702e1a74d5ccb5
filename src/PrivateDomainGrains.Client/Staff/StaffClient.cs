using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/staff</c> (admin key).</summary>
public sealed class StaffClient
{
    private readonly PlatformHttp _http;

    internal StaffClient(PlatformHttp http) => _http = http;

    /// <summary>Creates a staff member with a console password (<c>CreateStaff</c>); not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">409 when the staff id exists; 400 naming an invalid field.</exception>
    public Task<StaffView> CreateAsync(string staffId, string password, string? name = null, CancellationToken cancellationToken = default) =>
        CreateAsync(new CreateStaffRequest(staffId, password, name), cancellationToken);

    /// <summary>Creates a staff member with a role and team (<c>CreateStaff</c>); not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">409 when the staff id exists; 400 naming an invalid field.</exception>
    public Task<StaffView> CreateAsync(CreateStaffRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("staff"), _http.AdminKey,
            PlatformHttp.Json(request, ClientJson.Default.CreateStaffRequest), idempotent: false,
            ClientJson.Default.StaffView, cancellationToken);

    /// <summary>Changes a staff member's name, role or team (<c>UpdateStaff</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such staff member; 400 naming an invalid field.</exception>
    public Task<StaffView> UpdateAsync(string staffId, UpdateStaffRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, _http.TenantPath($"staff/{PlatformHttp.Escape(staffId)}"), _http.AdminKey,
            PlatformHttp.Json(request, ClientJson.Default.UpdateStaffRequest), idempotent: true, ClientJson.Default.StaffView, cancellationToken);

    /// <summary>The tenant's staff (<c>ListStaff</c>).</summary>
    public async Task<IReadOnlyList<StaffView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _http.SendAsync(HttpMethod.Get, _http.TenantPath("staff"), _http.AdminKey, null, idempotent: true,
            ClientJson.Default.StaffList, cancellationToken)).Items;

    /// <summary>Refuses the staff member's sign-in and ends every session at once: tokens stop working, consoles close (<c>DisableStaff</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such staff member.</exception>
    public Task<StaffView> DisableAsync(string staffId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"staff/{PlatformHttp.Escape(staffId)}/disable"), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.StaffView, cancellationToken);

    /// <summary>Lets a disabled staff member sign in again (<c>EnableStaff</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such staff member.</exception>
    public Task<StaffView> EnableAsync(string staffId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"staff/{PlatformHttp.Escape(staffId)}/enable"), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.StaffView, cancellationToken);
}
