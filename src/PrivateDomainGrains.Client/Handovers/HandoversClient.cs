using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>Bulk handover (离职继承 / 在职转接) of every customer of a staff member, with history and open nudges (admin key).</summary>
public sealed class HandoversClient
{
    private readonly PlatformHttp _http;

    internal HandoversClient(PlatformHttp http) => _http = http;

    /// <summary>Starts handing every customer of <paramref name="fromStaffId"/> to <paramref name="toStaffId"/> (<c>StartHandover</c>); not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">404 when either is not staff of the tenant; 400 when they are the same.</exception>
    public Task<HandoverAccepted> StartAsync(string fromStaffId, string toStaffId, bool departure = false, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"staff/{PlatformHttp.Escape(fromStaffId)}/handover"), _http.AdminKey,
            PlatformHttp.Json(new HandoverRequest(toStaffId, departure), ClientJson.Default.HandoverRequest), idempotent: false,
            ClientJson.Default.HandoverAccepted, cancellationToken);

    /// <summary>A handover's progress (<c>GetHandover</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such handover.</exception>
    public Task<HandoverView> GetAsync(string handoverId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath($"handovers/{PlatformHttp.Escape(handoverId)}"), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.HandoverView, cancellationToken);
}
