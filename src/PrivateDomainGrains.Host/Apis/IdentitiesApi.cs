using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Grains.Identities;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Customer identities (issue 14): look a customer up by how a channel names them, see and edit a customer's
/// identities (integration key), import existing customers' identities in bulk and work the pending pool of events
/// that named nobody yet (admin key). Identities are normalised as events' are (<see cref="IdentityNormalizer"/>); a
/// strong identity names one customer per tenant and never moves.
/// </summary>
public static class IdentitiesApi
{
    public const int MaxImportRows = 10_000, MaxPageSize = 500, MaxCandidates = 10;

    /// <summary>An identity a customer holds.</summary>
    /// <param name="Kind"><c>unionid</c>, <c>external_userid</c>, <c>openid:{appId}</c>, <c>phone</c>, <c>order</c> or <c>email</c>.</param>
    /// <param name="Value">Normalised: a phone in E.164 (<c>+8613800138000</c>), an email in lower case, ids as sent.</param>
    /// <param name="Source">What added it: <c>event:{eventId}</c>, <c>api</c> or <c>import</c>.</param>
    public sealed record IdentityView(string Kind, string Value, string CustomerId, string Source, DateTimeOffset AddedAt);

    /// <param name="AttachedFromPool">Pending events the identities added now attached to the customer.</param>
    public sealed record CustomerIdentities(string CustomerId, IReadOnlyList<IdentityView> Identities, int AttachedFromPool = 0);

    /// <param name="Identities">Kind to value, 1-8 strong identities (nicknames are not indexed), e.g. <c>{"phone":"13800138000"}</c>.</param>
    /// <param name="CreateCustomer">False (the default): the customer must be known (have had an event, an owner, tags or an
    /// identity), else 404 and nothing is added. True: the identities reserve the id for a new customer, which the first
    /// event naming it or them creates (as an event naming a customer id creates it).</param>
    public sealed record AddIdentitiesRequest(IReadOnlyDictionary<string, string> Identities, bool CreateCustomer = false);

    /// <param name="Rows">1-10,000 rows, each an identity of an existing customer.</param>
    /// <param name="CreateCustomers">As <see cref="AddIdentitiesRequest.CreateCustomer"/>, for every row: false (the default)
    /// refuses a row naming a customer the platform does not know (404 in its error).</param>
    public sealed record IdentityImportRequest(IReadOnlyList<IdentityImportRow> Rows, bool CreateCustomers = false);

    public sealed record IdentityImportRow(string CustomerId, string Kind, string Value);

    /// <summary>What an import did: each row added, already there (the same customer held it), or rejected (<see cref="Errors"/>).</summary>
    /// <param name="AttachedFromPool">Pending events the added identities attached to their customers.</param>
    public sealed record IdentityImportResult(int Added, int Unchanged, int Rejected, IReadOnlyList<IdentityImportError> Errors, int AttachedFromPool);

    /// <summary>
    /// Why row <paramref name="Index"/> (from 0) was not imported: 400 (the field named in <paramref name="Error"/> is
    /// invalid), 404 (no such customer: see <see cref="IdentityImportRequest.CreateCustomers"/>) or 409 (another customer
    /// holds the identity, or the customer was erased).
    /// </summary>
    public sealed record IdentityImportError(int Index, string Error, int Status);

    /// <summary>An event of the pending pool.</summary>
    /// <param name="Identities">What it named its customer by (normalised), nickname included.</param>
    /// <param name="Reason"><c>unknown-identity</c> or <c>nickname-only</c>.</param>
    /// <param name="State"><c>pending</c>, <c>attached</c> (to <paramref name="CustomerId"/>) or <c>dismissed</c>.</param>
    /// <param name="SettledBy"><c>identity:kind=value</c> (attached when that identity appeared on a customer) or <c>api</c>.</param>
    public sealed record PendingEventView(
        string EventId, string Type, DateTimeOffset At, string? Channel, string? StaffId, string? Text, IReadOnlyDictionary<string, string>? Data,
        IReadOnlyDictionary<string, string> Identities, string Reason, string State, string? CustomerId, DateTimeOffset ReceivedAt,
        DateTimeOffset? SettledAt, string? SettledBy)
    {
        /// <summary>
        /// For a pending event with a nickname, when read alone (<c>GetPendingEvent</c>): up to 10 customers it may be
        /// about, most similar name first, then most recently active, then those with an owner. Empty in lists.
        /// </summary>
        public IReadOnlyList<PendingCandidate> Candidates { get; init; } = [];
    }

    /// <param name="NextAfter">The <c>after</c> of the next page; null on the last.</param>
    public sealed record PendingEventPage(IReadOnlyList<PendingEventView> Items, string? NextAfter);

    /// <param name="CustomerId">The customer the event is about, as a person decided.</param>
    public sealed record AttachPendingRequest(string CustomerId);

    /// <param name="DefaultRegion">The region national phone numbers are read in: an ISO 3166 alpha-2 code libphonenumber knows (<c>CN</c>, <c>HK</c>, <c>SG</c>...).</param>
    /// <param name="CreateCustomerOn">0-20 event types that create a customer for an identity nobody holds; events of other
    /// types naming nobody wait in the pending pool.</param>
    public sealed record IdentitySettingsRequest(string DefaultRegion, IReadOnlyList<string> CreateCustomerOn);

    /// <param name="Custom">False while the tenant has no settings of its own and the node's apply.</param>
    /// <param name="UpdatedAt">When the tenant's settings were stored; null while the node's apply.</param>
    public sealed record IdentitySettingsView(string DefaultRegion, IReadOnlyList<string> CreateCustomerOn, bool Custom, DateTimeOffset? UpdatedAt);

    public static RouteGroupBuilder MapIdentitiesApi(this RouteGroupBuilder api)
    {
        var lookup = api.MapGroup("/tenants/{tenant}/identities").WithTags("Identities").RequireIntegrationKey();
        lookup.MapGet("/{kind}/{value}", LookupAsync).WithName("LookupIdentity")
            .WithSummary("The customer an identity names (phones in any usual spelling).")
            .WithProblem(StatusCodes.Status400BadRequest, "'kind' is not an identity kind or 'value' is not a valid value of it")
            .WithProblem(StatusCodes.Status404NotFound, "No customer holds the identity");

        var customer = api.MapGroup("/tenants/{tenant}/customers/{customerId}/identities").WithTags("Identities").RequireIntegrationKey()
            .WithProblem(StatusCodes.Status400BadRequest, "The customer id is not a valid id");
        customer.MapGet("", ListAsync).WithName("ListCustomerIdentities")
            .WithSummary("The identities the customer holds, strongest first.");
        customer.MapPost("", AddAsync).WithName("AddCustomerIdentities").Audited()
            .WithSummary("Add identities to a known customer (or, with createCustomer, to a new one its first event creates); pending events they name are attached to it.")
            .WithJsonBody<AddIdentitiesRequest>()
            .WithProblem(StatusCodes.Status404NotFound, "No such customer (no event, owner, tags or identity yet) and createCustomer is not set: nothing was added")
            .WithProblem(StatusCodes.Status409Conflict, "Another customer holds one of the identities, or the customer was erased: nothing was added");
        customer.MapDelete("/{kind}/{value}", RemoveAsync).WithName("RemoveCustomerIdentity").Audited()
            .WithSummary("Remove an identity from the customer; answers the identities it still holds.")
            .WithProblem(StatusCodes.Status404NotFound, "The customer does not hold the identity");

        var admin = api.MapGroup("/tenants/{tenant}/identities").WithTags("Identities").RequireAdminKey().RequireScope(ApiScopes.Admin);
        admin.MapGet("/settings", SettingsAsync).WithName("GetIdentitySettings")
            .WithSummary("The region phones are read in and the event types that create customers, as the tenant's events are resolved now.");
        admin.MapPut("/settings", PutSettingsAsync).WithName("PutIdentitySettings").Audited()
            .WithSummary("Set the tenant's phone region and the event types that create customers (the others wait in the pending pool).")
            .WithJsonBody<IdentitySettingsRequest>();
        admin.MapPost("/import", ImportAsync).WithName("ImportIdentities").Audited()
            .WithSummary("Import up to 10,000 identities of existing customers at once (or new ones, with createCustomers); each row is added or refused on its own " +
                "(larger imports: POST .../identity-imports).")
            .WithJsonBody<IdentityImportRequest>();
        admin.MapGet("/pending", PendingPageAsync).WithName("ListPendingEvents")
            .WithSummary("Events waiting for their customer (or settled: ?state=attached|dismissed), oldest first, paged with ?after=&limit=.")
            .WithProblem(StatusCodes.Status400BadRequest, "'state', 'after' or 'limit' is invalid");
        admin.MapGet("/pending/{eventId}", PendingAsync).WithName("GetPendingEvent")
            .WithSummary("One event of the pending pool, in whatever state.")
            .WithProblem(StatusCodes.Status404NotFound, "No such event in the pool");
        admin.MapPost("/pending/{eventId}/attach", AttachAsync).WithName("AttachPendingEvent").Audited()
            .WithSummary("Attach a pending event to the customer a person picked: it flows in as if it had named that customer.")
            .WithJsonBody<AttachPendingRequest>()
            .WithProblem(StatusCodes.Status404NotFound, "No such event in the pool")
            .WithProblem(StatusCodes.Status409Conflict, "The event is no longer pending, or its id is another event's");
        admin.MapPost("/pending/{eventId}/dismiss", DismissAsync).WithName("DismissPendingEvent").Audited()
            .WithSummary("Dismiss a pending event: it reaches no customer and stays listed as dismissed.")
            .WithProblem(StatusCodes.Status404NotFound, "No such event in the pool")
            .WithProblem(StatusCodes.Status409Conflict, "The event is no longer pending");
        return api;
    }

    private static async Task<Results<Ok<IdentityView>, ValidationProblem, ProblemHttpResult>> LookupAsync(
        string tenant, string kind, string value, TenantIdentitySettings settings, IdentityIndex index)
    {
        var normalizer = (await settings.GetAsync(tenant)).Normalizer;
        if (Strong(normalizer, kind, value) is not { } identity) return Invalid(normalizer, kind, value);
        var row = await index.GetAsync(tenant, identity);
        return row is null ? Problems.NotFound(ApiPhrases.NoHolder.Say(identity.Kind, identity.Value)) : TypedResults.Ok(View(row));
    }

    private static async Task<Results<Ok<CustomerIdentities>, ProblemHttpResult>> ListAsync(string tenant, string customerId, IdentityIndex index, CustomerMerges merges)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        customerId = await SurvivorAsync(merges, tenant, customerId);
        return TypedResults.Ok(new CustomerIdentities(customerId, [.. (await index.ListAsync(tenant, customerId)).Select(View)]));
    }

    private static async Task<Results<Ok<CustomerIdentities>, ValidationProblem, ProblemHttpResult>> AddAsync(
        string tenant, string customerId, HttpRequest request, TenantIdentitySettings settings, IdentityIndex index, PendingAttacher attacher, CustomerMerges merges)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        customerId = await SurvivorAsync(merges, tenant, customerId);
        if ((await index.ErasedCustomersAsync(tenant, [customerId])).Count > 0) return Problems.Conflict("'customerId' " + IdentityImportBatch.ErasedReason(customerId));
        var (body, problem) = await JsonBody.ReadAsync<AddIdentitiesRequest>(request);
        if (body is null) return problem!;
        // An identity attaches to a known customer: given to an unknown id, a later order naming it would create that
        // customer instead of waiting in the pending pool for the real one.
        if (!body.CreateCustomer && !(await index.KnownCustomersAsync(tenant, [customerId])).ContainsKey(customerId))
            return Problems.NotFound("'customerId' " + IdentityImportBatch.UnknownReason(customerId, option: "createCustomer"));
        if (body.Identities is not { Count: > 0 and <= IdentityFields.MaxPerEvent })
            return Problems.Invalid(ApiPhrases.IdentitiesInvalid.Say(), new Dictionary<string, string[]> { ["identities"] = [ApiPhrases.IdentitiesCount.Say(IdentityFields.MaxPerEvent)] });
        var normalizer = (await settings.GetAsync(tenant)).Normalizer;
        var identities = new List<CustomerIdentity>();
        var errors = new Dictionary<string, string[]>();
        foreach (var (kind, value) in body.Identities)
        {
            if (normalizer.Normalize(kind, value, out var why) is not { } identity) errors[$"identities.{kind}"] = [why!];
            else if (!identity.IsStrong) errors[$"identities.{kind}"] = [ApiPhrases.IdentityWeak.Say()];
            else identities.Add(identity);
        }
        if (errors.Count > 0) return Problems.Invalid(ApiPhrases.IdentitiesInvalid.Say(), errors);
        var held = (await index.FindAsync(tenant, identities)).Where(h => h.Value != customerId).ToList();
        if (held.Count > 0)
            return Problems.Conflict(ApiPhrases.NothingAdded.Say(WordedList.Clauses(held.Select(h => ApiPhrases.IdentityHeld.Say(h.Key.Kind, h.Value)))));
        var outcomes = await index.AddAsync([.. identities.Select(i => new IdentityRow(tenant, i.Kind, i.Value, customerId, "api"))]);
        if (outcomes.Where(o => o.Outcome == IdentityIndex.AddOutcome.HeldByAnother).Select(o => o.Holder).FirstOrDefault() is { } raced)
            return Problems.Conflict(ApiPhrases.IdentityRaced.Say(raced));
        var attached = await attacher.AttachByIdentitiesAsync(tenant, identities);
        return TypedResults.Ok(new CustomerIdentities(customerId, [.. (await index.ListAsync(tenant, customerId)).Select(View)], attached.Count(a => a.Attached)));
    }

    private static async Task<Results<Ok<CustomerIdentities>, ValidationProblem, ProblemHttpResult>> RemoveAsync(
        string tenant, string customerId, string kind, string value, TenantIdentitySettings settings, IdentityIndex index, CustomerMerges merges)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        customerId = await SurvivorAsync(merges, tenant, customerId);
        var normalizer = (await settings.GetAsync(tenant)).Normalizer;
        if (Strong(normalizer, kind, value) is not { } identity) return Invalid(normalizer, kind, value);
        return await index.RemoveAsync(tenant, customerId, identity)
            ? TypedResults.Ok(new CustomerIdentities(customerId, [.. (await index.ListAsync(tenant, customerId)).Select(View)]))
            : Problems.NotFound(ApiPhrases.NotHeldBy.Say(customerId, identity.Kind, identity.Value));
    }

    /// <summary>The customer <paramref name="customerId"/> is now: itself, or the one it was merged into (the identities moved there).</summary>
    private static async Task<string> SurvivorAsync(CustomerMerges merges, string tenant, string customerId) =>
        (await merges.SurvivorsAsync(tenant, [customerId])).GetValueOrDefault(customerId) ?? customerId;

    private static async Task<Ok<IdentitySettingsView>> SettingsAsync(string tenant, TenantIdentitySettings settings) =>
        TypedResults.Ok(View(await settings.GetAsync(tenant)));

    private static async Task<Results<Ok<IdentitySettingsView>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(
        string tenant, HttpRequest request, TenantIdentitySettings settings)
    {
        var (body, problem) = await JsonBody.ReadAsync<IdentitySettingsRequest>(request);
        if (body is null) return problem!;
        var errors = new Dictionary<string, string[]>();
        if (!IdentityNormalizer.IsKnownRegion(body.DefaultRegion ?? ""))
            errors["defaultRegion"] = [ApiPhrases.RegionUnknown.Say()];
        if (body.CreateCustomerOn is not { Count: <= 20 }) errors["createCustomerOn"] = [ApiPhrases.EventTypesCount.Say()];
        else
            for (var i = 0; i < body.CreateCustomerOn.Count; i++)
                if (!EventTypes.IsValid(body.CreateCustomerOn[i])) errors[$"createCustomerOn[{i}]"] = [ApiPhrases.NotAnEventType.Say()];
        if (errors.Count > 0) return Problems.Invalid(ApiPhrases.SettingsInvalid.Say(), errors);
        return TypedResults.Ok(View(await settings.PutAsync(tenant, body.DefaultRegion!, [.. body.CreateCustomerOn!.Distinct(StringComparer.Ordinal)])));
    }

    private static IdentitySettingsView View(TenantIdentitySettings.Applied applied) =>
        new(applied.Normalizer.DefaultRegion, [.. applied.CreateCustomerOn.Order(StringComparer.Ordinal)], applied.Custom, applied.UpdatedAt);

    /// <summary>
    /// A small import answered at once. The body is read as a document, not bound to <see cref="IdentityImportRequest"/>,
    /// so that one bad row (a number as <c>value</c>, half a surrogate, a field given twice) refuses that row alone, as a
    /// background import's would (<see cref="IdentityImportUpload.JsonRowOf"/>); the good ones are added through the
    /// import job's bulk path. Only a body that is no import (no 1-10,000 <c>rows</c>) is a 400 as a whole.
    /// </summary>
    private static async Task<Results<Ok<IdentityImportResult>, ProblemHttpResult>> ImportAsync(
        string tenant, HttpRequest request, TenantIdentitySettings settings, IdentityImportBatch batch)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(request);
        if (document is null) return problem!;
        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object) return Problems.BadRequest("body", ApiPhrases.BodyObject.Say());
            var createCustomers = Member(body, "createCustomers");
            if (createCustomers is { ValueKind: not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null) })
                return Problems.BadRequest("createCustomers", ApiPhrases.GivenOnceBoolean.Say("createCustomers"));
            if (Member(body, "rows") is not { ValueKind: JsonValueKind.Array } given || given.GetArrayLength() is 0 or > MaxImportRows)
                return Problems.BadRequest("rows", ApiPhrases.ImportRows.Say(MaxImportRows));
            var normalizer = (await settings.GetAsync(tenant)).Normalizer;
            var errors = new List<IdentityImportError>();
            var rows = new List<Persistence.IdentityImportRow>(given.GetArrayLength());
            var index = 0;
            foreach (var element in given.EnumerateArray())
            {
                var row = IdentityImportUpload.JsonRowOf(normalizer, index, element, "row");
                if (row.State == IdentityImportRowState.Refused) errors.Add(new(index, $"'{row.Field}' {row.Reason}", StatusCodes.Status400BadRequest));
                else rows.Add(row);
                index++;
            }
            var targets = new IdentityImportTargets(createCustomers?.ValueKind == JsonValueKind.True, null);
            var (results, attached) = await batch.AddAsync(tenant, rows, targets, attachAlsoUnchanged: false, request.HttpContext.RequestAborted);
            foreach (var r in results.Where(r => r.State is IdentityImportRowState.Conflict or IdentityImportRowState.Refused))
                errors.Add(new((int)r.Line, $"'{r.Field}' {r.Reason}",
                    r.Reason == IdentityImportBatch.UnknownReason(r.CustomerId!) ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict));
            return TypedResults.Ok(new IdentityImportResult(results.Count(r => r.State == IdentityImportRowState.Added),
                results.Count(r => r.State == IdentityImportRowState.Unchanged), errors.Count, [.. errors.OrderBy(e => e.Index)], attached));
        }
    }

    /// <summary>The body's member <paramref name="name"/> (ignoring case, as bound bodies' are); null when absent, and a
    /// JSON <c>undefined</c> element (which no check accepts) when given twice.</summary>
    private static JsonElement? Member(JsonElement body, string name)
    {
        JsonElement? found = null;
        foreach (var member in body.EnumerateObject())
        {
            if (!string.Equals(IdentityImportUpload.TryName(member), name, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is not null) return default(JsonElement);
            found = member.Value;
        }
        return found;
    }

    private static Task<Results<Ok<PendingEventPage>, ProblemHttpResult>> PendingPageAsync(
        string tenant, string? state, string? after, [Range(1, MaxPageSize)] int? limit, IdentityPendingPool pool) =>
        PendingPageOfAsync(tenant, state, after, limit, pool, null);

    /// <summary>A page of the pool; with <paramref name="staffIds"/>, only events naming one of them or no staff member (a manager's console).</summary>
    internal static async Task<Results<Ok<PendingEventPage>, ProblemHttpResult>> PendingPageOfAsync(
        string tenant, string? state, string? after, int? limit, IdentityPendingPool pool, IReadOnlyCollection<string>? staffIds)
    {
        state ??= PendingEventRow.Pending;
        if (state is not (PendingEventRow.Pending or PendingEventRow.Attached or PendingEventRow.Dismissed))
            return Problems.BadRequest("state", ApiPhrases.PendingState.Say());
        if (limit is < 1 or > MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, MaxPageSize));
        (DateTimeOffset At, string EventId)? cursor = null;
        if (after is not null)
        {
            if (Cursor(after) is not { } parsed) return Problems.BadRequest("after", ApiPhrases.AfterCursor.Say());
            cursor = parsed;
        }
        var size = limit ?? 50;
        var rows = await pool.PageAsync(tenant, state, cursor?.At, cursor?.EventId, size + 1, staffIds);
        var items = rows.Take(size).ToList();
        // received_at has microsecond precision: the cursor is exact.
        var next = rows.Count > size ? $"{(items[^1].ReceivedAt - DateTimeOffset.UnixEpoch).Ticks / 10}:{items[^1].Event.Id}" : null;
        return TypedResults.Ok(new PendingEventPage([.. items.Select(View)], next));
    }

    internal static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> PendingAsync(
        string tenant, string eventId, IdentityPendingPool pool, PendingCandidates candidates)
    {
        if (await pool.GetAsync(tenant, eventId) is not { } row) return NoSuchPending(eventId);
        var view = View(row);
        if (row.State == PendingEventRow.Pending && row.Nickname is { } nickname)
            view = view with { Candidates = await candidates.ForNicknameAsync(tenant, nickname, MaxCandidates) };
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> AttachAsync(
        string tenant, string eventId, HttpRequest request, IdentityPendingPool pool, PendingAttacher attacher)
    {
        var (body, problem) = await JsonBody.ReadAsync<AttachPendingRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.CustomerId)) return Problems.InvalidId("customerId");
        return await AttachToAsync(tenant, eventId, body.CustomerId, pool, attacher, "api");
    }

    /// <summary>Attaches pending event <paramref name="eventId"/> to <paramref name="customerId"/>, settled by <paramref name="by"/> (<c>api</c>, or <c>staff:{id}</c> from the console).</summary>
    internal static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> AttachToAsync(string tenant, string eventId, string customerId,
        IdentityPendingPool pool, PendingAttacher attacher, string by)
    {
        if (await pool.GetAsync(tenant, eventId) is not { } row) return NoSuchPending(eventId);
        if (row.State != PendingEventRow.Pending) return Problems.Conflict(ApiPhrases.EventSettled.Say(eventId, row.State));
        var attachment = await attacher.AttachAsync(row, customerId, by);
        if (!attachment.Attached) return Problems.Conflict(attachment.Problem!);
        return TypedResults.Ok(View((await pool.GetAsync(tenant, eventId))!));
    }

    private static Task<Results<Ok<PendingEventView>, ProblemHttpResult>> DismissAsync(string tenant, string eventId, IdentityPendingPool pool) =>
        DismissByAsync(tenant, eventId, pool, "api");

    /// <param name="by">Who dismissed it: <c>api</c> (the admin key) or <c>staff:{id}</c> (the console).</param>
    internal static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> DismissByAsync(string tenant, string eventId, IdentityPendingPool pool, string by)
    {
        if (await pool.GetAsync(tenant, eventId) is null) return NoSuchPending(eventId);
        if (!await pool.SettleAsync(tenant, eventId, PendingEventRow.Dismissed, null, by))
            return Problems.Conflict(ApiPhrases.EventNotPending.Say(eventId));
        return TypedResults.Ok(View((await pool.GetAsync(tenant, eventId))!));
    }

    /// <summary>A strong identity from a path, or null (then <see cref="Invalid"/> says why).</summary>
    /// <summary>The strong identity a route's kind and value name, normalised; null when they name none (see Invalid).</summary>
    internal static CustomerIdentity? Strong(IdentityNormalizer normalizer, string kind, string value) =>
        normalizer.Normalize(kind, value, out _) is { IsStrong: true } identity ? identity : null;

    /// <summary>The 400 for an identity in a route that names no customer, naming <c>kind</c> or <c>value</c>.</summary>
    internal static ValidationProblem Invalid(IdentityNormalizer normalizer, string kind, string value)
    {
        var (field, problem) = !IdentityKinds.IsKnown(kind) ? ("kind", IdentityPhrases.NotAKind.Say(IdentityKinds.Listed))
            : !IdentityKinds.IsStrong(kind) ? ("kind", ApiPhrases.NicknameWeak.Say())
            : normalizer.Normalize(kind, value, out var why) is null ? ("value", why!) : ("value", ApiPhrases.IdentityValueInvalid.Say());
        return Problems.Invalid(ApiPhrases.IdentityInvalid.Say(), new Dictionary<string, string[]> { [field] = [problem] });
    }

    private static (DateTimeOffset, string)? Cursor(string after)
    {
        var colon = after.IndexOf(':');
        if (colon <= 0 || !long.TryParse(after[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)) return null;
        return (DateTimeOffset.UnixEpoch.AddTicks(micros * 10), after[(colon + 1)..]);
    }

    internal static ProblemHttpResult NoSuchPending(string eventId) => Problems.NotFound(ApiPhrases.NoPendingEvent.Say(eventId));

    internal static IdentityView View(IdentityRow row) => new(row.Kind, row.Value, row.CustomerId, row.Source, row.AddedAt);

    private static PendingEventView View(PendingEventRow row)
    {
        var identities = EventIdentities.Of(row.Event).ToDictionary(i => i.Kind, i => i.Value, StringComparer.Ordinal);
        var data = row.Event.Data?.Where(d => !d.Key.StartsWith(EventIdentities.DataPrefix, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        var e = row.Event;
        return new(e.Id, e.Type, e.At, e.Channel, e.StaffId, e.Text, data is { Count: > 0 } ? data : null, identities, row.Reason, row.State,
            row.CustomerId, row.ReceivedAt, row.SettledAt, row.SettledBy);
    }
}
