using System.Text;
using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// The tag catalog (groups, tags with names per language, holder counts) and tag jobs: batch tagging by id list, CSV or
/// filter, and the holders' side of a rename, merge or delete. Reads take the integration key, changes the admin key.
/// </summary>
public sealed class TagsClient
{
    private readonly PlatformHttp _http;

    internal TagsClient(PlatformHttp http) => _http = http;

    /// <summary>The catalog's groups with their tags (<c>ListTagGroups</c>).</summary>
    public Task<TagGroupList> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("tag-groups"), _http.IntegrationKey, null, idempotent: true, ClientJson.Default.TagGroupList, cancellationToken);

    /// <summary>Creates a group (<c>CreateTagGroup</c>).</summary>
    /// <exception cref="PlatformApiException">409 when the id exists; 400 naming an invalid field.</exception>
    public Task<TagGroupView> CreateGroupAsync(CreateTagGroupRequest group, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("tag-groups"), _http.AdminKey, PlatformHttp.Json(group, ClientJson.Default.CreateTagGroupRequest),
            idempotent: false, ClientJson.Default.TagGroupView, cancellationToken);

    /// <summary>Renames a group or changes its exclusivity (<c>UpdateTagGroup</c>).</summary>
    public Task<TagGroupView> UpdateGroupAsync(string groupId, UpdateTagGroupRequest change, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, _http.TenantPath($"tag-groups/{PlatformHttp.Escape(groupId)}"), _http.AdminKey,
            PlatformHttp.Json(change, ClientJson.Default.UpdateTagGroupRequest), idempotent: true, ClientJson.Default.TagGroupView, cancellationToken);

    /// <summary>Deletes a group; its tags stay, outside any group (<c>DeleteTagGroup</c>).</summary>
    public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, _http.TenantPath($"tag-groups/{PlatformHttp.Escape(groupId)}"), _http.AdminKey, idempotent: true, cancellationToken);

    /// <summary>Catalog and free tags with holder counts (<c>ListTags</c>).</summary>
    public Task<TagList> ListAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("tags"), _http.IntegrationKey, null, idempotent: true, ClientJson.Default.TagList, cancellationToken);

    /// <summary>Adds a tag to the catalog (<c>CreateTag</c>).</summary>
    /// <exception cref="PlatformApiException">409 when it is in the catalog; 400 naming an invalid field or an unknown group.</exception>
    public Task<TagItem> CreateAsync(CreateTagRequest tag, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("tags"), _http.AdminKey, PlatformHttp.Json(tag, ClientJson.Default.CreateTagRequest),
            idempotent: false, ClientJson.Default.TagItem, cancellationToken);

    /// <summary>Changes a catalog tag's group or names (<c>UpdateTag</c>).</summary>
    public Task<TagItem> UpdateAsync(string tag, UpdateTagRequest change, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, _http.TenantPath($"tags/{PlatformHttp.Escape(tag)}"), _http.AdminKey,
            PlatformHttp.Json(change, ClientJson.Default.UpdateTagRequest), idempotent: true, ClientJson.Default.TagItem, cancellationToken);

    /// <summary>Renames a tag in the catalog and on every holder (<c>RenameTag</c>); the job's status to poll.</summary>
    /// <exception cref="PlatformApiException">409 when <paramref name="to"/> is a catalog tag (merge instead).</exception>
    public Task<TagJobAccepted> RenameAsync(string tag, string to, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"tags/{PlatformHttp.Escape(tag)}/rename"), _http.AdminKey,
            PlatformHttp.Json(new RenameTagRequest(to), ClientJson.Default.RenameTagRequest), idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>Merges a tag into another, in the catalog and on every holder (<c>MergeTag</c>).</summary>
    public Task<TagJobAccepted> MergeAsync(string tag, string into, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"tags/{PlatformHttp.Escape(tag)}/merge"), _http.AdminKey,
            PlatformHttp.Json(new MergeTagRequest(into), ClientJson.Default.MergeTagRequest), idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>Deletes a tag from the catalog and every holder (<c>DeleteTag</c>).</summary>
    public Task<TagJobAccepted> DeleteAsync(string tag, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, _http.TenantPath($"tags/{PlatformHttp.Escape(tag)}"), _http.AdminKey, null, idempotent: false,
            ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>Starts a batch by id list or filter (<c>StartTagJob</c>).</summary>
    /// <exception cref="PlatformApiException">400 naming the invalid field; nothing was stored.</exception>
    public Task<TagJobAccepted> StartJobAsync(TagJobRequest job, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("tag-jobs"), _http.AdminKey, PlatformHttp.Json(job, ClientJson.Default.TagJobRequest),
            idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>
    /// Starts a batch over a CSV upload (<c>StartTagJobFromCsv</c>): one customer per line, an id or <c>kind,value</c>
    /// (<c>phone,13800138000</c>).
    /// </summary>
    public Task<TagJobAccepted> StartJobFromCsvAsync(string csv, IReadOnlyList<string>? add = null, IReadOnlyList<string>? remove = null,
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("tag-jobs/csv?" + TagsQuery(add, remove)), _http.AdminKey, new StringContent(csv, Encoding.UTF8, "text/csv"),
            idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>A job's progress (<c>GetTagJob</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such job.</exception>
    public Task<TagJobView> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath($"tag-jobs/{PlatformHttp.Escape(jobId)}"), _http.AdminKey, null, idempotent: true,
            ClientJson.Default.TagJobView, cancellationToken);

    /// <summary>
    /// Cancels a running batch (<c>CancelTagJob</c>): it stops after the page in hand, keeps what it did, and the answer
    /// is its final status (<see cref="TagJobView.Cancelled"/>). Cancelling a cancelled job answers its status again.
    /// </summary>
    /// <exception cref="PlatformApiException">404 when there is no such job; 409 when it completed, or is the holders' side of a catalog change.</exception>
    public Task<TagJobView> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"tag-jobs/{PlatformHttp.Escape(jobId)}/cancel"), _http.AdminKey, null, idempotent: true,
            ClientJson.Default.TagJobView, cancellationToken);

    /// <summary>A page of a job's rows and their results (<c>ListTagJobRows</c>), after row <paramref name="after"/>, optionally of one status.</summary>
    public Task<TagJobRowPage> ListJobRowsAsync(string jobId, int after = 0, int? limit = null, string? status = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath($"tag-jobs/{PlatformHttp.Escape(jobId)}/rows{JobRowsQuery(after, limit, status)}"), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.TagJobRowPage, cancellationToken);

    /// <summary>The catalog as the console shows it, with a staff member's console token (<c>GetMyTagCatalog</c>).</summary>
    public Task<ConsoleTagCatalog> GetMyCatalogAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/console/tags", _http.ConsoleToken, null, idempotent: true, ClientJson.Default.ConsoleTagCatalog, cancellationToken);

    /// <summary>
    /// Starts a batch as the signed-in admin, or manager (a saved segment over their team's customers, or a filter with
    /// an owner of their team) (<c>StartMyTagJob</c>); each change shows in the timelines as theirs.
    /// </summary>
    /// <exception cref="PlatformApiException">403 for staff, or a manager's job beyond their team; 400 naming the invalid field.</exception>
    public Task<TagJobAccepted> StartMyJobAsync(TagJobRequest job, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, "api/v1/console/tag-jobs", _http.ConsoleToken, PlatformHttp.Json(job, ClientJson.Default.TagJobRequest),
            idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>Starts a batch over a CSV upload as the signed-in admin (<c>StartMyTagJobFromCsv</c>), as <see cref="StartJobFromCsvAsync"/>.</summary>
    /// <exception cref="PlatformApiException">403 for anyone but an admin; 400 naming the invalid parameter or line.</exception>
    public Task<TagJobAccepted> StartMyJobFromCsvAsync(string csv, IReadOnlyList<string>? add = null, IReadOnlyList<string>? remove = null,
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, "api/v1/console/tag-jobs/csv?" + TagsQuery(add, remove), _http.ConsoleToken, new StringContent(csv, Encoding.UTF8, "text/csv"),
            idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>A job's rows and their results (<c>ListMyTagJobRows</c>), for admins and the manager who started it, as <see cref="ListJobRowsAsync"/>.</summary>
    public Task<TagJobRowPage> ListMyJobRowsAsync(string jobId, int after = 0, int? limit = null, string? status = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, $"api/v1/console/tag-jobs/{PlatformHttp.Escape(jobId)}/rows" + JobRowsQuery(after, limit, status), _http.ConsoleToken, null,
            idempotent: true, ClientJson.Default.TagJobRowPage, cancellationToken);

    /// <summary>A job's progress, for admins and managers, with a console token (<c>GetMyTagJob</c>).</summary>
    public Task<TagJobView> GetMyJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, $"api/v1/console/tag-jobs/{PlatformHttp.Escape(jobId)}", _http.ConsoleToken, null, idempotent: true,
            ClientJson.Default.TagJobView, cancellationToken);

    /// <summary>Cancels a running batch the signed-in admin (any) or manager (their own) started, as <see cref="CancelJobAsync"/> (<c>CancelMyTagJob</c>).</summary>
    public Task<TagJobView> CancelMyJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, $"api/v1/console/tag-jobs/{PlatformHttp.Escape(jobId)}/cancel", _http.ConsoleToken, null, idempotent: true,
            ClientJson.Default.TagJobView, cancellationToken);

    /// <summary>Catalog and free tags with holder counts, with a console token (<c>ListMyTagsInUse</c>).</summary>
    public Task<TagList> ListMyTagsInUseAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/console/tags/in-use", _http.ConsoleToken, null, idempotent: true, ClientJson.Default.TagList, cancellationToken);

    /// <summary>Creates a group as the signed-in admin (<c>CreateMyTagGroup</c>); 403 for others.</summary>
    public Task<TagGroupView> CreateMyGroupAsync(CreateTagGroupRequest group, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, "api/v1/console/tag-groups", _http.ConsoleToken, PlatformHttp.Json(group, ClientJson.Default.CreateTagGroupRequest),
            idempotent: false, ClientJson.Default.TagGroupView, cancellationToken);

    /// <summary>Changes a group as the signed-in admin (<c>UpdateMyTagGroup</c>).</summary>
    public Task<TagGroupView> UpdateMyGroupAsync(string groupId, UpdateTagGroupRequest change, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, $"api/v1/console/tag-groups/{PlatformHttp.Escape(groupId)}", _http.ConsoleToken,
            PlatformHttp.Json(change, ClientJson.Default.UpdateTagGroupRequest), idempotent: true, ClientJson.Default.TagGroupView, cancellationToken);

    /// <summary>Deletes a group as the signed-in admin (<c>DeleteMyTagGroup</c>).</summary>
    public Task DeleteMyGroupAsync(string groupId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, $"api/v1/console/tag-groups/{PlatformHttp.Escape(groupId)}", _http.ConsoleToken, idempotent: true, cancellationToken);

    /// <summary>Adds a tag to the catalog as the signed-in admin (<c>CreateMyTag</c>).</summary>
    public Task<TagItem> CreateMyTagAsync(CreateTagRequest tag, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, "api/v1/console/tags", _http.ConsoleToken, PlatformHttp.Json(tag, ClientJson.Default.CreateTagRequest),
            idempotent: false, ClientJson.Default.TagItem, cancellationToken);

    /// <summary>Changes a catalog tag as the signed-in admin (<c>UpdateMyTag</c>).</summary>
    public Task<TagItem> UpdateMyTagAsync(string tag, UpdateTagRequest change, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, $"api/v1/console/tags/{PlatformHttp.Escape(tag)}", _http.ConsoleToken,
            PlatformHttp.Json(change, ClientJson.Default.UpdateTagRequest), idempotent: true, ClientJson.Default.TagItem, cancellationToken);

    /// <summary>Renames a tag as the signed-in admin, a tag job (<c>RenameMyTag</c>); its progress at <see cref="GetMyJobAsync"/>.</summary>
    public Task<TagJobAccepted> RenameMyTagAsync(string tag, string to, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, $"api/v1/console/tags/{PlatformHttp.Escape(tag)}/rename", _http.ConsoleToken,
            PlatformHttp.Json(new RenameTagRequest(to), ClientJson.Default.RenameTagRequest), idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>
    /// Merges a tag into another as the signed-in admin, as <see cref="MergeAsync"/>: a tag job (<c>MergeMyTag</c>); its
    /// progress at <see cref="GetMyJobAsync"/>.
    /// </summary>
    public Task<TagJobAccepted> MergeMyTagAsync(string tag, string into, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, $"api/v1/console/tags/{PlatformHttp.Escape(tag)}/merge", _http.ConsoleToken,
            PlatformHttp.Json(new MergeTagRequest(into), ClientJson.Default.MergeTagRequest), idempotent: false, ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>Deletes a tag from the catalog and every holder as the signed-in admin (<c>DeleteMyTag</c>).</summary>
    public Task<TagJobAccepted> DeleteMyTagAsync(string tag, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, $"api/v1/console/tags/{PlatformHttp.Escape(tag)}", _http.ConsoleToken, null, idempotent: false,
            ClientJson.Default.TagJobAccepted, cancellationToken);

    /// <summary>A page of a job's rows as its query: <c>?after=0&amp;limit=100&amp;status=failed</c>.</summary>
    private static string JobRowsQuery(int after, int? limit, string? status) =>
        $"?after={after}" + (limit is { } l ? $"&limit={l}" : "") + (status is null ? "" : "&status=" + PlatformHttp.Escape(status));

    /// <summary>A CSV job's tags as its query: <c>add=a&amp;remove=b</c>.</summary>
    private static string TagsQuery(IReadOnlyList<string>? add, IReadOnlyList<string>? remove) =>
        string.Join("&", (add ?? []).Select(t => "add=" + PlatformHttp.Escape(t)).Concat((remove ?? []).Select(t => "remove=" + PlatformHttp.Escape(t))));
}
