using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// Campaigns (群发), admin key: <c>/api/v1/tenants/{tenant}/campaigns</c>. One nudge per member of a saved segment to its
/// owner, through the contact policy, paced over a send window; pause, resume, cancel; per-campaign results.
/// </summary>
public sealed class CampaignsClient
{
    private readonly PlatformHttp _http;

    internal CampaignsClient(PlatformHttp http)
    {
        _http = http;
    }

    private string Root => _http.TenantPath("campaigns");

    /// <summary>Creates and starts a campaign (<c>CreateCampaign</c>). Not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">400 naming the field (<c>script.text</c>, <c>segmentId</c>, <c>endAt</c>...).</exception>
    public Task<CampaignView> CreateAsync(CampaignRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Root, _http.AdminKey, PlatformHttp.Json(request, ClientJson.Default.CampaignRequest),
            idempotent: false, ClientJson.Default.CampaignView, cancellationToken);

    /// <summary>The tenant's campaigns, newest first (<c>ListCampaigns</c>).</summary>
    public async Task<IReadOnlyList<CampaignView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _http.SendAsync(HttpMethod.Get, Root, _http.AdminKey, null, idempotent: true, ClientJson.Default.CampaignList, cancellationToken)).Items;

    /// <summary>One campaign with its results (<c>GetCampaign</c>), or null when there is none.</summary>
    public Task<CampaignView?> GetAsync(string campaignId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(campaignId), _http.AdminKey, idempotent: true, ClientJson.Default.CampaignView, cancellationToken);

    /// <summary>Stops raising nudges after the page in flight (<c>PauseCampaign</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such campaign.</exception>
    public Task<CampaignView> PauseAsync(string campaignId, CancellationToken cancellationToken = default) => ChangeAsync(campaignId, "pause", cancellationToken);

    /// <summary>Goes on from where it was paused (<c>ResumeCampaign</c>).</summary>
    public Task<CampaignView> ResumeAsync(string campaignId, CancellationToken cancellationToken = default) => ChangeAsync(campaignId, "resume", cancellationToken);

    /// <summary>Ends it for good (<c>CancelCampaign</c>).</summary>
    public Task<CampaignView> CancelAsync(string campaignId, CancellationToken cancellationToken = default) => ChangeAsync(campaignId, "cancel", cancellationToken);

    private Task<CampaignView> ChangeAsync(string campaignId, string change, CancellationToken cancellationToken) =>
        _http.SendAsync(HttpMethod.Post, Path(campaignId) + "/" + change, _http.AdminKey, null, idempotent: true, ClientJson.Default.CampaignView, cancellationToken);

    private string Path(string campaignId) => $"{Root}/{PlatformHttp.Escape(campaignId)}";
}
