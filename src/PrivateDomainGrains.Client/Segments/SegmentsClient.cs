using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// Saved filters over the customer directory, their live counts and members: <c>/api/v1/tenants/{tenant}/segments</c>
/// with the integration key (<see cref="PrivateDomainGrainsClient.Segments"/>), or <c>/api/v1/console/segments</c> with a
/// manager's or admin's console token (<see cref="WorkbenchClient.Segments"/>: the same segments, counted and listed over
/// the customers the user may see; 403 for staff).
/// </summary>
public sealed class SegmentsClient
{
    private readonly PlatformHttp _http;
    private readonly bool _console;

    internal SegmentsClient(PlatformHttp http, bool console)
    {
        (_http, _console) = (http, console);
    }

    private string Key => _console ? _http.ConsoleToken : _http.IntegrationKey;

    private string Root => _console ? "api/v1/console/segments" : _http.TenantPath("segments");

    /// <summary>Saves a segment (<c>CreateSegment</c>, <c>CreateMySegment</c>). Not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">400 with every error keyed by JSON path (<c>$.filter.rfm.recency.min</c>); 409 at the tenant's limit.</exception>
    public Task<SegmentView> CreateAsync(SegmentRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Root, Key, PlatformHttp.Json(request, ClientJson.Default.SegmentRequest),
            idempotent: false, ClientJson.Default.SegmentView, cancellationToken);

    /// <summary>The tenant's segments by name (<c>ListSegments</c>, <c>ListMySegments</c>).</summary>
    public async Task<IReadOnlyList<SegmentView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _http.SendAsync(HttpMethod.Get, Root, Key, null, idempotent: true, ClientJson.Default.SegmentList,
            cancellationToken)).Items;

    /// <summary>One segment (<c>GetSegment</c>, <c>GetMySegment</c>), or null when there is none.</summary>
    public Task<SegmentView?> GetAsync(string segmentId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(segmentId), Key, idempotent: true, ClientJson.Default.SegmentView, cancellationToken);

    /// <summary>Replaces name, description and filter (<c>ReplaceSegment</c>, <c>ReplaceMySegment</c>).</summary>
    /// <exception cref="PlatformApiException">400 keyed by JSON path; 404 when there is no such segment.</exception>
    public Task<SegmentView> ReplaceAsync(string segmentId, SegmentRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path(segmentId), Key, PlatformHttp.Json(request, ClientJson.Default.SegmentRequest),
            idempotent: true, ClientJson.Default.SegmentView, cancellationToken);

    /// <summary>Deletes the segment (<c>DeleteSegment</c>, <c>DeleteMySegment</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such segment.</exception>
    public Task DeleteAsync(string segmentId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, Path(segmentId), Key, idempotent: false, cancellationToken);

    /// <summary>How many customers are in the segment now (<c>CountSegment</c>, <c>CountMySegment</c>).</summary>
    public Task<SegmentCount> CountAsync(string segmentId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Path(segmentId) + "/count", Key, null, idempotent: true, ClientJson.Default.SegmentCount, cancellationToken);

    /// <summary>A page of members by customer id (<c>ListSegmentMembers</c>, <c>ListMySegmentMembers</c>): <paramref name="cursor"/> is the previous page's <c>Next</c>; <paramref name="limit"/> 1-500 (100).</summary>
    public Task<SegmentMemberPage> ListMembersAsync(string segmentId, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[] { cursor is { } c ? "cursor=" + Uri.EscapeDataString(c) : null, limit is { } l ? $"limit={l}" : null }.OfType<string>());
        return _http.SendAsync(HttpMethod.Get, Path(segmentId) + "/members" + (query.Length > 0 ? "?" + query : ""), Key, null,
            idempotent: true, ClientJson.Default.SegmentMemberPage, cancellationToken);
    }

    /// <summary>Counts an unsaved filter and lists its first members (<c>PreviewSegment</c>, <c>PreviewMySegment</c>); nothing is stored.</summary>
    /// <exception cref="PlatformApiException">400 keyed by JSON path.</exception>
    public Task<SegmentPreview> PreviewAsync(SegmentPreviewRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Root + "/preview", Key, PlatformHttp.Json(request, ClientJson.Default.SegmentPreviewRequest),
            idempotent: true, ClientJson.Default.SegmentPreview, cancellationToken);

    private string Path(string segmentId) => $"{Root}/{PlatformHttp.Escape(segmentId)}";
}
