using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// A customer's personal data, as China's PIPL (art. 45 access and copy, art. 47 deletion) and GDPR-style requests
/// ask: everything held about the customer as one JSON document, and its erasure (admin key; both audited).
/// </summary>
public static class PersonalDataApi
{
    /// <param name="Profile">The customer as the platform knows it now (owner, tags, tier, counters, relationships...).</param>
    /// <param name="Identities">The identities it is known by (phone, unionid, external_userid...).</param>
    /// <param name="Timeline">Everything that happened to it, oldest first: its events, the nudges raised about it and how each closed, and the changes that are not events (tags added or removed and by whom, owner and tier changes).</param>
    /// <param name="Audit">The administrative actions about it (this export is recorded there too, after it is answered).</param>
    /// <param name="JournalDropped">What the tenant's journal retention dropped of its events (so the timeline no longer lists them; the profile still counts them); null when nothing was.</param>
    /// <param name="TagJobRows">Its rows in batch-tagging jobs, each with what named it (its id, or an identity's kind and masked value) and the result.</param>
    public sealed record PersonalDataExport(string CustomerId, DateTimeOffset ExportedAt, CustomerView? Profile, IReadOnlyList<IdentitiesApi.IdentityView> Identities,
        IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<AuditItem> Audit, JournalDroppedView? JournalDropped, IReadOnlyList<TagJobRowView> TagJobRows);

    /// <summary>The customer's row in a tag job.</summary>
    /// <param name="JobId">The job (<c>GetTagJob</c>).</param>
    /// <param name="Seq">The row's place in the job.</param>
    /// <param name="Input">What named the customer: its id, or an identity's kind and masked value (<c>phone:+86********011</c>).</param>
    /// <param name="Status"><c>pending</c>, <c>changed</c>, <c>unchanged</c> or <c>failed</c>.</param>
    /// <param name="Error">Why it failed.</param>
    public sealed record TagJobRowView(string JobId, int Seq, string Input, string Status, string? Error);

    /// <summary>Events of the customer that journal retention dropped, after a snapshot had folded them into the profile.</summary>
    /// <param name="Events">How many.</param>
    /// <param name="OldestAt">The oldest <c>at</c> among them.</param>
    /// <param name="NewestAt">The newest <c>at</c> among them.</param>
    /// <param name="DroppedAt">When events were last dropped.</param>
    public sealed record JournalDroppedView(long Events, DateTimeOffset OldestAt, DateTimeOffset NewestAt, DateTimeOffset DroppedAt);

    /// <param name="Kind"><c>event</c>, <c>nudge-raised</c>, <c>nudge-closed</c> or <c>change</c>.</param>
    /// <param name="What">The event type, nudge kind, how the nudge closed, or the kind of change.</param>
    /// <param name="Detail">JSON: the event's data, the nudge's reason, the change's particulars.</param>
    public sealed record TimelineItem(DateTimeOffset At, string Kind, string Id, string What, string? Channel, string? StaffId, string? Text, string? Detail);

    /// <param name="Actor"><c>admin-key</c>, <c>api-key</c>, <c>operator</c> or <c>staff:&lt;id&gt;</c>.</param>
    /// <param name="Action">The API operation (its operationId).</param>
    /// <param name="Target">Other ids the request named, as JSON.</param>
    /// <param name="Status">The HTTP status it was answered with.</param>
    public sealed record AuditItem(long Id, DateTimeOffset At, string Actor, string Action, string? CustomerId, string? Target, int Status, string? RemoteAddress);

    /// <param name="Rows">Rows deleted, by table (zero everywhere for a customer the tenant never had).</param>
    public sealed record ErasureReport(string CustomerId, DateTimeOffset ErasedAt, IReadOnlyDictionary<string, int> Rows);

    public static RouteGroupBuilder MapPersonalDataApi(this RouteGroupBuilder api)
    {
        var data = api.MapGroup("/tenants/{tenant}/customers/{customerId}/personal-data").WithTags("PersonalData").RequireAdminKey()
            .WithProblem(StatusCodes.Status400BadRequest, "The customer id is not a valid id");
        data.MapGet("", ExportAsync).WithName("ExportCustomerData").Audited()
            .WithSummary("Everything held about the customer as one document: profile, identities, complete timeline (events, nudges and how they closed, tag and owner changes), audit entries, what journal retention dropped, and its rows in tag jobs.")
            .WithProblem(StatusCodes.Status404NotFound, "Nothing is held about the customer");
        data.MapDelete("", EraseAsync).WithName("EraseCustomerData").Audited()
            .WithSummary("Erase everything held about the customer (journal, profile, nudges, indexes, identities, WeCom callbacks, the record of what retention dropped, its rows in tag jobs) in one transaction; its later events are refused (409).");
        var byIdentity = api.MapGroup("/tenants/{tenant}/identities/{kind}/{value}/personal-data").WithTags("PersonalData").RequireAdminKey();
        byIdentity.MapDelete("", EraseByIdentityAsync).WithName("EraseCustomerDataByIdentity").Audited()
            .WithSummary("Erase the customer an identity names (phone in any usual spelling, unionid, ...) as EraseCustomerData does; the tombstone covers every identity it held, so later events naming one are refused (409).")
            .WithProblem(StatusCodes.Status400BadRequest, "'kind' is not a strong identity kind or 'value' is not a valid value of it")
            .WithProblem(StatusCodes.Status404NotFound, "No customer holds the identity (nothing was changed)");
        return api;
    }

    private static async Task<Results<Ok<PersonalDataExport>, ProblemHttpResult>> ExportAsync(
        string tenant, string customerId, IGrainFactory grains, IdentityIndex identities, CustomerTimeline timeline, AuditLog audit, JournalRetention retention,
        TagJobRows tagJobs)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        var profile = await grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customerId)).GetAsync();
        var entries = new List<TimelineEntry>();
        for (TimelineCursor? before = null; ;)
        {
            var (page, more) = await timeline.PageAsync(tenant, customerId, before, CustomerTimeline.MaxPageSize);
            entries.AddRange(page);
            if (!more) break;
            before = page[^1].Cursor;
        }
        var known = await identities.ListAsync(tenant, customerId);
        var dropped = await retention.DroppedAsync(tenant, customerId);
        var jobRows = await tagJobs.OfCustomerAsync(tenant, customerId);
        if (profile is null && entries.Count == 0 && known.Count == 0 && jobRows.Count == 0) return Problems.NotFound(ApiPhrases.NothingHeld.Say(customerId));
        var audited = new List<AuditEntryRow>();
        for (var before = long.MaxValue; ;)
        {
            var page = await audit.PageAsync(tenant, customerId, before, AuditLog.MaxPageSize);
            audited.AddRange(page);
            if (page.Count < AuditLog.MaxPageSize) break;
            before = page[^1].Id;
        }
        entries.Reverse();
        audited.Reverse();
        return TypedResults.Ok(new PersonalDataExport(customerId, DateTimeOffset.UtcNow, profile, [.. known.Select(IdentitiesApi.View)],
            [.. entries.Select(e => new TimelineItem(e.At, e.Kind, e.Id, e.What, e.Channel, e.StaffId, e.Text, e.Detail))],
            [.. audited.Select(AuditApi.Item)],
            dropped is null ? null : new JournalDroppedView(dropped.Events, dropped.OldestAt, dropped.NewestAt, dropped.DroppedAt),
            [.. jobRows.Select(r => new TagJobRowView(r.JobId, r.Seq, r.Input, r.Status, r.Error))]));
    }

    /// <summary>The identity names the customer (as <c>LookupIdentity</c> finds it), whose erasure is then the same as by its id.</summary>
    private static async Task<Results<Ok<ErasureReport>, ValidationProblem, ProblemHttpResult>> EraseByIdentityAsync(
        string tenant, string kind, string value, TenantIdentitySettings settings, IdentityIndex index, IGrainFactory grains, HttpContext http)
    {
        var normalizer = (await settings.GetAsync(tenant, http.RequestAborted)).Normalizer;
        if (IdentitiesApi.Strong(normalizer, kind, value) is not { } identity) return IdentitiesApi.Invalid(normalizer, kind, value);
        if (await index.GetAsync(tenant, identity, http.RequestAborted) is not { } held)
            return Problems.NotFound(ApiPhrases.NoIdentityHolder.Say(identity.Kind, identity.Value));
        http.Items[AuditFilter.CustomerItem] = held.CustomerId;
        var erased = await grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, held.CustomerId)).EraseAsync();
        return TypedResults.Ok(new ErasureReport(held.CustomerId, erased.ErasedAt, erased.Rows));
    }

    private static async Task<Results<Ok<ErasureReport>, ProblemHttpResult>> EraseAsync(string tenant, string customerId, IGrainFactory grains)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        var erased = await grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customerId)).EraseAsync();
        return TypedResults.Ok(new ErasureReport(customerId, erased.ErasedAt, erased.Rows));
    }
}
