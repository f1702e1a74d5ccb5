using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// <c>/api/v1/console/</c>: what a signed-in staff member sees, with the console token
/// (<see cref="PrivateDomainGrainsClientOptions.ConsoleToken"/>, or <see cref="PrivateDomainGrainsClient.WithConsoleToken"/>).
/// Another staff member's customer is answered as a missing one: null, or a 404 <see cref="PlatformApiException"/>.
/// </summary>
public sealed class WorkbenchClient
{
    private readonly PlatformHttp _http;

    internal WorkbenchClient(PlatformHttp http)
    {
        _http = http;
        Segments = new SegmentsClient(http, console: true);
        Playbook = new PlaybookClient(http, console: true);
        Campaigns = new CampaignsClient(http, console: true);
        Keys = new ApiKeysClient(http, console: true);
        Webhooks = new WebhooksClient(http, console: true);
    }

    /// <summary>Campaigns for a manager (reaching their team's customers; their team's campaigns) or an admin (403 for anyone else).</summary>
    public CampaignsClient Campaigns { get; }

    /// <summary>The tenant's named API keys for an admin: create, list, rotate, revoke (403 for anyone else).</summary>
    public ApiKeysClient Keys { get; }

    /// <summary>The tenant's webhook subscriptions for an admin, with their delivery logs and replay (403 for anyone else).</summary>
    public WebhooksClient Webhooks { get; }

    /// <summary>The tenant's playbook for an admin: read, save, history, rollback and dry run (403 for anyone else).</summary>
    public PlaybookClient Playbook { get; }

    /// <summary>The tenant's segments for a manager or admin, counted and listed over the customers the user may see.</summary>
    public SegmentsClient Segments { get; }

    /// <summary>The signed-in staff member (<c>GetConsoleMe</c>).</summary>
    public Task<ConsoleMe> GetMeAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/console/me", _http.ConsoleToken, null, idempotent: true, ClientJson.Default.ConsoleMe, cancellationToken);

    /// <summary>The user's customers, most recently active first, one page (<c>ListMyCustomers</c>).</summary>
    /// <exception cref="PlatformApiException">400 naming a malformed filter; 403 for an <c>owner</c> the user may not list.</exception>
    public Task<ConsoleCustomerPage> ListCustomersAsync(ConsoleCustomerQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ConsoleCustomerQuery();
        var parameters = new (string Name, string? Value)[]
        {
            ("q", query.Query), ("tag", query.Tag), ("tier", query.Tier), ("status", query.Status),
            ("hasOpenNudges", query.HasOpenNudges is { } open ? (open ? "true" : "false") : null), ("owner", query.Owner),
            ("after", query.After), ("limit", query.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return _http.SendAsync(HttpMethod.Get, "api/v1/console/customers" + QueryString(parameters), _http.ConsoleToken, null, idempotent: true,
            ClientJson.Default.ConsoleCustomerPage, cancellationToken);
    }

    /// <summary>One of the user's customers (<c>GetMyCustomer</c>), or null when it does not exist or is not the user's to see.</summary>
    public Task<CustomerView?> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(customerId), _http.ConsoleToken, idempotent: true, ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>The customer's timeline, newest first, one page older than <paramref name="before"/> (<c>ListMyCustomerTimeline</c>).</summary>
    /// <param name="limit">1-200; 50 when null.</param>
    /// <exception cref="PlatformApiException">404 when the customer does not exist or is not the user's to see.</exception>
    public Task<ConsoleTimelinePage> ListTimelineAsync(string customerId, string? before = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Path(customerId, "/timeline") + QueryString([("before", before), ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            _http.ConsoleToken, null, idempotent: true, ClientJson.Default.ConsoleTimelinePage, cancellationToken);

    /// <summary>Tags the customer; tagging twice is tagging once (<c>AddMyCustomerTag</c>).</summary>
    /// <exception cref="PlatformApiException">400 for a tag that is not 1-64 printable characters; 404 as <see cref="ListTimelineAsync"/>.</exception>
    public Task<CustomerView> AddTagAsync(string customerId, string tag, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path(customerId, "/tags/" + PlatformHttp.Escape(tag)), _http.ConsoleToken, null, idempotent: true,
            ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>
    /// Sets the remark (备注) about the customer, or clears it with null (<c>SetMyCustomerRemark</c>): listed and searched
    /// like the name, and recorded in the timeline as a <c>field-set</c> of <c>remark</c> by the signed-in staff member.
    /// </summary>
    /// <exception cref="PlatformApiException">400 for a remark over 200 characters or with control characters; 404 as <see cref="ListTimelineAsync"/>.</exception>
    public Task<CustomerView> SetRemarkAsync(string customerId, string? remark, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path(customerId, "/remark"), _http.ConsoleToken, PlatformHttp.Json(new RemarkRequest(remark), ClientJson.Default.RemarkRequest),
            idempotent: true, ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>
    /// Managers and admins: merges the customer into <paramref name="survivorId"/>, the same person through another channel
    /// (<c>MergeMyCustomerInto</c>; see <see cref="CustomersClient.MergeAsync"/>), recorded as the signed-in staff member's.
    /// </summary>
    /// <exception cref="PlatformApiException">403 for staff; 404 when either customer is not the user's to see; 409 as <see cref="CustomersClient.MergeAsync"/>.</exception>
    public Task<MergeResult> MergeIntoAsync(string customerId, string survivorId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(customerId, "/merge-into"), _http.ConsoleToken,
            PlatformHttp.Json(new MergeIntoRequest(survivorId), ClientJson.Default.MergeIntoRequest), idempotent: false, ClientJson.Default.MergeResult, cancellationToken);

    /// <summary>The merges into and out of the customer, newest first, undone ones included (<c>ListMyCustomerMerges</c>).</summary>
    /// <exception cref="PlatformApiException">404 when the customer is not the user's to see.</exception>
    public Task<MergeList> ListMergesAsync(string customerId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Path(customerId, "/merges"), _http.ConsoleToken, null, idempotent: true, ClientJson.Default.MergeList, cancellationToken);

    /// <summary>
    /// Managers and admins: undoes merge <paramref name="mergeId"/> into <paramref name="customerId"/> while neither side has
    /// changed since (<c>UndoMyCustomerMerge</c>; see <see cref="CustomersClient.UndoMergeAsync"/>).
    /// </summary>
    /// <exception cref="PlatformApiException">403 for staff; 404 when the customer is not the user's to see or the merge is not into it; 409 saying what changed.</exception>
    public Task<MergeResult> UndoMergeAsync(string customerId, string mergeId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(customerId, $"/merges/{PlatformHttp.Escape(mergeId)}/undo"), _http.ConsoleToken, null,
            idempotent: false, ClientJson.Default.MergeResult, cancellationToken);

    /// <summary>
    /// Managers and admins: the pending pool's events in <paramref name="state"/> (pending by default), oldest first
    /// (<c>ListMyPendingEvents</c>; see <see cref="IdentitiesClient.ListPendingAsync"/>).
    /// </summary>
    /// <exception cref="PlatformApiException">403 for staff; 400 naming a bad parameter.</exception>
    public Task<PendingEventPage> ListPendingAsync(string? state = null, string? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/console/pool" + QueryString([("state", state), ("after", after), ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            _http.ConsoleToken, null, idempotent: true, ClientJson.Default.PendingEventPage, cancellationToken);

    /// <summary>One event of the pool with its candidate customers, or null (<c>GetMyPendingEvent</c>).</summary>
    public Task<PendingEventView?> GetPendingAsync(string eventId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, PoolPath(eventId), _http.ConsoleToken, idempotent: true, ClientJson.Default.PendingEventView, cancellationToken);

    /// <summary>Attaches a pending event to a customer the user may see (<c>AttachMyPendingEvent</c>).</summary>
    /// <exception cref="PlatformApiException">404 not in the pool or the customer not the user's to see; 409 no longer pending.</exception>
    public Task<PendingEventView> AttachPendingAsync(string eventId, string customerId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, PoolPath(eventId) + "/attach", _http.ConsoleToken,
            PlatformHttp.Json(new AttachPendingRequest(customerId), ClientJson.Default.AttachPendingRequest), idempotent: false,
            ClientJson.Default.PendingEventView, cancellationToken);

    /// <summary>Dismisses a pending event (<c>DismissMyPendingEvent</c>).</summary>
    /// <exception cref="PlatformApiException">404 not in the pool; 409 no longer pending.</exception>
    public Task<PendingEventView> DismissPendingAsync(string eventId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, PoolPath(eventId) + "/dismiss", _http.ConsoleToken, null, idempotent: false,
            ClientJson.Default.PendingEventView, cancellationToken);

    /// <summary>Removes a tag from the customer (<c>RemoveMyCustomerTag</c>).</summary>
    /// <exception cref="PlatformApiException">As <see cref="AddTagAsync"/>.</exception>
    public Task<CustomerView> RemoveTagAsync(string customerId, string tag, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, Path(customerId, "/tags/" + PlatformHttp.Escape(tag)), _http.ConsoleToken, null, idempotent: true,
            ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>Done: the staff member did what their nudge suggested (<c>MarkNudgeDone</c>); safe to resend.</summary>
    /// <exception cref="PlatformApiException">404 when it is not a nudge of the staff member's.</exception>
    public Task<NudgeActionResult> MarkDoneAsync(string nudgeId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, NudgePath(nudgeId, "done"), _http.ConsoleToken, null, idempotent: true, ClientJson.Default.NudgeActionResult, cancellationToken);

    /// <summary>Not useful (<c>MarkNudgeNotUseful</c>); safe to resend.</summary>
    /// <exception cref="PlatformApiException">As <see cref="MarkDoneAsync"/>.</exception>
    public Task<NudgeActionResult> MarkNotUsefulAsync(string nudgeId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, NudgePath(nudgeId, "not-useful"), _http.ConsoleToken, null, idempotent: true, ClientJson.Default.NudgeActionResult, cancellationToken);

    /// <summary>Hides an open nudge until <paramref name="until"/>, at most 30 days ahead (<c>SnoozeNudge</c>).</summary>
    /// <exception cref="PlatformApiException">400 for a time past or too far ahead; 404 when it is not an open nudge of the staff member's.</exception>
    public Task<NudgeActionResult> SnoozeAsync(string nudgeId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, NudgePath(nudgeId, "snooze"), _http.ConsoleToken, PlatformHttp.Json(new SnoozeRequest(until), ClientJson.Default.SnoozeRequest),
            idempotent: true, ClientJson.Default.NudgeActionResult, cancellationToken);

    private static string NudgePath(string nudgeId, string action) => $"api/v1/console/nudges/{PlatformHttp.Escape(nudgeId)}/{action}";

    private static string Path(string customerId, string rest = "") => $"api/v1/console/customers/{PlatformHttp.Escape(customerId)}{rest}";

    private static string PoolPath(string eventId) => $"api/v1/console/pool/{PlatformHttp.Escape(eventId)}";

    private static string QueryString(IEnumerable<(string Name, string? Value)> parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={PlatformHttp.Escape(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }
}
