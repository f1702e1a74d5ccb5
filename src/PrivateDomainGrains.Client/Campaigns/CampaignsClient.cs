using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// Campaigns (群发): one nudge per member of a saved segment to its owner, through the contact policy, paced over a send
/// window; pause, resume, cancel; per-campaign results. <c>/api/v1/tenants/{tenant}/campaigns</c> with the admin key
/// (<see cref="PrivateDomainGrainsClient.Campaigns"/>), or <c>/api/v1/console/campaigns</c> with a manager's or admin's
/// console token (<see cref="WorkbenchClient.Campaigns"/>: a manager's campaigns reach their team's customers, and a
/// manager sees their team's campaigns only; another's reads as missing; 403 for staff).
/// </summary>
public sealed class CampaignsClient
{
    private readonly PlatformHttp _http;
    private readonly bool _console;

    internal CampaignsClient(PlatformHttp http, bool console)
    {
        (_http, _console) = (http, console);
    }

    private string Key => _console ? _http.ConsoleToken : _http.AdminKey;

    private string Root => _console ? "api/v1/console/campaigns" : _http.TenantPath("campaigns");

    /// <summary>Creates and starts a campaign (<c>CreateCampaign</c>, <c>CreateMyCampaign</c>). Not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">400 naming the field (<c>script.text</c>, <c>segmentId</c>, <c>endAt</c>...).</exception>
    public Task<CampaignView> CreateAsync(CampaignRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Root, Key, PlatformHttp.Json(request, ClientJson.Default.CampaignRequest),
            idempotent: false, ClientJson.Default.CampaignView, cancellationToken);

    /// <summary>The tenant's campaigns, newest first (<c>ListCampaigns</c>, <c>ListMyCampaigns</c>).</summary>
    public async Task<IReadOnlyList<CampaignView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _http.SendAsync(HttpMethod.Get, Root, Key, null, idempotent: true, ClientJson.Default.CampaignList, cancellationToken)).Items;

    /// <summary>One campaign with its results (<c>GetCampaign</c>, <c>GetMyCampaign</c>), or null when there is none.</summary>
    public Task<CampaignView?> GetAsync(string campaignId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(campaignId), Key, idempotent: true, ClientJson.Default.CampaignView, cancellationToken);

    /// <summary>Stops raising nudges after the page in flight (<c>PauseCampaign</c>, <c>PauseMyCampaign</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such campaign.</exception>
    public Task<CampaignView> PauseAsync(string campaignId, CancellationToken cancellationToken = default) => ChangeAsync(campaignId, "pause", cancellationToken);

    /// <summary>Goes on from where it was paused (<c>ResumeCampaign</c>, <c>ResumeMyCampaign</c>).</summary>
    public Task<CampaignView> ResumeAsync(string campaignId, CancellationToken cancellationToken = default) => ChangeAsync(campaignId, "resume", cancellationToken);

    /// <summary>Ends it for good (<c>CancelCampaign</c>, <c>CancelMyCampaign</c>).</summary>
    public Task<CampaignView> CancelAsync(string campaignId, CancellationToken cancellationToken = default) => ChangeAsync(campaignId, "cancel", cancellationToken);

    private Task<CampaignView> ChangeAsync(string campaignId, string change, CancellationToken cancellationToken) =>
        _http.SendAsync(HttpMethod.Post, Path(campaignId) + "/" + change, Key, null, idempotent: true, ClientJson.Default.CampaignView, cancellationToken);

    private string Path(string campaignId) => $"{Root}/{PlatformHttp.Escape(campaignId)}";
}
