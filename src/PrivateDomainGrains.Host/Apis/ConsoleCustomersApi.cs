using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Core.Tiers;
using PrivateDomainGrains.Host.Hubs;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

using PrivateDomainGrains.Core.Tags;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The signed-in staff member's customers (console token): the list with filters and search, one customer's detail and
/// timeline, and tag edits. A customer outside what the user may see (<see cref="ConsoleScope"/>) is answered exactly as
/// one that does not exist: 404 with the same words.
/// </summary>
public static class ConsoleCustomersApi
{
    public const int DefaultPageSize = 50;
    public const int MaxQueryLength = 64;

    /// <summary>The longest remark (WeCom's own 备注 field is shorter; room for a note beside it).</summary>
    public const int MaxRemarkLength = 200;

    /// <summary>What <c>?owner=</c> takes for the customers no one owns.</summary>
    public const string Unowned = "none";

    /// <summary>A customer in a list, as the directory has it.</summary>
    /// <param name="Name">The display name (the customer's nickname); null when unknown: show the id.</param>
    /// <param name="Remark">The owner's remark about the customer (the custom field <c>remark</c>).</param>
    /// <param name="Tier"><c>Prospect</c>, <c>FirstPurchase</c>, <c>Repeat</c>, <c>SuperUser</c> or <c>Dormant</c>.</param>
    /// <param name="Status"><c>Unknown</c> (never a friend), <c>Active</c> or <c>Lost</c>.</param>
    /// <param name="LastInteractionAt">To the minute; null when the customer never interacted.</param>
    /// <param name="OpenNudges">Nudges about the customer not yet closed.</param>
    /// <param name="Orders">Paid orders.</param>
    /// <param name="Rfm">Recency (as of the answer), frequency and monetary scores, 0-5 each (0: never ordered).</param>
    /// <param name="LifetimeValue">Paid minus refunded per ISO 4217 currency, by currency code; never added across currencies.</param>
    public sealed record ConsoleCustomerSummary(string CustomerId, string? Name, string? Owner, string? Remark, IReadOnlyList<string> Tags,
        string Tier, string Status, DateTimeOffset? LastInteractionAt, int OpenNudges, int Orders, RfmView Rfm, IReadOnlyList<MoneyView> LifetimeValue);

    /// <summary>The owner's remark about a customer.</summary>
    /// <param name="Remark">At most 200 characters, surrounding spaces trimmed; null or empty clears it.</param>
    public sealed record RemarkRequest(string? Remark);

    /// <summary>One page, most recently active first.</summary>
    /// <param name="Next">The <c>after</c> of the next page; null on the last page.</param>
    public sealed record ConsoleCustomerPage(IReadOnlyList<ConsoleCustomerSummary> Items, string? Next);

    /// <summary>One entry of a customer's timeline.</summary>
    /// <param name="Kind"><c>event</c>, <c>nudge-raised</c>, <c>nudge-closed</c> or <c>change</c>.</param>
    /// <param name="Id">The event id, the nudge id, or the change's number.</param>
    /// <param name="What">
    /// The event type (<c>message.received</c>...); the nudge kind; how the nudge closed (<c>done</c>, <c>not-useful</c>,
    /// <c>done-by-action</c>, <c>obsolete</c>, <c>expired</c>, <c>moved</c>); the change (<c>tag-added</c>, <c>tag-removed</c>,
    /// <c>owner-changed</c>, <c>tier-changed</c>, <c>field-set</c>).
    /// </param>
    /// <param name="StaffId">Who: the event's staff member, the nudge's addressee, who closed it.</param>
    /// <param name="Text">The message text, or the nudge's title.</param>
    /// <param name="Detail">
    /// The particulars by name: the event's data; the nudge's <c>reason</c>, <c>source</c> and <c>text</c>, and a
    /// campaign's nudge its campaign's name (<c>campaignName</c>; staff may not list campaigns); who closed it
    /// (<c>by</c>); what changed (<c>tag</c>, <c>from</c>, <c>to</c>, <c>field</c>, <c>value</c>) and by whom (<c>by</c>:
    /// <c>staff:&lt;id&gt;</c>, <c>rule</c>, <c>integration</c>).
    /// </param>
    public sealed record ConsoleTimelineEntry(DateTimeOffset At, string Kind, string Id, string What, string? Channel, string? StaffId, string? Text,
        IReadOnlyDictionary<string, string?>? Detail);

    /// <summary>One page of the timeline, newest first.</summary>
    /// <param name="Next">The <c>before</c> of the next (older) page; null on the last page.</param>
    public sealed record ConsoleTimelinePage(IReadOnlyList<ConsoleTimelineEntry> Items, string? Next);

    public static RouteGroupBuilder MapConsoleCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/console/customers").WithTags("Console").RequireConsoleToken();
        customers.MapGet("", ListAsync).WithName("ListMyCustomers")
            .WithSummary("The customers the signed-in staff member owns (a manager: the team's, an admin: the tenant's), most recently active " +
                "first, filtered by ?tag=, ?tier=, ?status=, ?hasOpenNudges=true|false, searched by ?q= (a fragment of the name, remark or id), " +
                "paged by ?after=<next>&limit=<1-200> (50 by default); managers may pass ?owner=<staffId> or ?owner=none (no owner).")
            .WithProblem(StatusCodes.Status400BadRequest, "A filter, 'q', 'after' or 'limit' is malformed (the problem names it)")
            .WithProblem(StatusCodes.Status403Forbidden, "'owner' names someone whose customers this user may not list");
        var customer = customers.MapGroup("/{customerId}")
            .WithProblem(StatusCodes.Status400BadRequest, "The customer id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, NotVisibleReason);
        customer.MapGet("", GetAsync).WithName("GetMyCustomer")
            .WithSummary("The customer: profile, counters, custom fields, tags, the next-best-action with why, relationships.");
        customer.MapGet("/timeline", TimelineAsync).WithName("ListMyCustomerTimeline")
            .WithSummary("The customer's complete timeline, newest first: events, nudges raised and how each closed, tag and owner changes; " +
                "paged by ?before=<next>&limit=<1-200> (50 by default).")
            .WithProblem(StatusCodes.Status400BadRequest, "'before' or 'limit' is malformed");
        customer.MapPut("/remark", SetRemarkAsync).WithName("SetMyCustomerRemark")
            .WithSummary("Set the remark (备注) about the customer, or clear it with null or \"\": listed and searched like the name, " +
                "recorded in the timeline (field-set, by the staff member). The same remark again changes nothing.")
            .WithJsonBody<RemarkRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "'remark' is too long or not storable text, or the body is malformed");
        customer.MapPut("/tags/{tag}", AddTagAsync).WithName("AddMyCustomerTag")
            .WithSummary("Tag the customer (the playbook's tag rules run on it); tagging twice is tagging once.")
            .WithProblem(StatusCodes.Status400BadRequest, "The tag is not " + TagNames.Rule);
        customer.MapDelete("/tags/{tag}", RemoveTagAsync).WithName("RemoveMyCustomerTag")
            .WithSummary("Remove a tag from the customer; removing one it does not have changes nothing.")
            .WithProblem(StatusCodes.Status400BadRequest, "The tag is not " + TagNames.Rule);
        return api;
    }

    private const string NotVisibleReason = "No such customer among those this user may see (another staff member's is answered alike)";

    private static async Task<Results<Ok<ConsoleCustomerPage>, ProblemHttpResult>> ListAsync(ConsoleUser user, string? q, string? tag, string? tier,
        string? status, string? hasOpenNudges, string? owner, string? after, [Range(1, CustomerDirectory.MaxPageSize)] int? limit, ConsoleScope scope,
        CustomerDirectory directory, CancellationToken ct)
    {
        if (limit is < 1 or > CustomerDirectory.MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, CustomerDirectory.MaxPageSize));
        var query = q?.Trim();
        if (query is { Length: > MaxQueryLength }) return Problems.BadRequest("q", ApiPhrases.FieldTooLong.Say("q", MaxQueryLength));
        if (query is not null && StorableText.Problem(query) is { } textProblem) return Problems.BadRequest("q", $"'q' {textProblem}");
        if (tag is not null && (tag = TagNames.Normalize(tag)) is null) return Problems.BadRequest("tag", ApiPhrases.TagField.Say("tag"));
        if (tier is not null && !TryName<CustomerTier>(tier, out tier))
            return Problems.BadRequest("tier", ApiPhrases.FieldOneOf.Say("tier", WordedList.Each(Enum.GetNames<CustomerTier>())));
        if (status is not null && !TryName<CustomerStatus>(status, out status))
            return Problems.BadRequest("status", ApiPhrases.FieldOneOf.Say("status", WordedList.Each(Enum.GetNames<CustomerStatus>())));
        bool? open = hasOpenNudges switch { null => null, "true" => true, "false" => false, _ => null };
        if (hasOpenNudges is not null && open is null) return Problems.BadRequest("hasOpenNudges", ApiPhrases.TrueOrFalse.Say("hasOpenNudges"));
        DirectoryCursor? cursor = null;
        if (after is not null)
        {
            if (!PageCursor.TryDecode(after, out var at, out var key) || !Ids.IsValid(key))
                return Problems.BadRequest("after", ApiPhrases.PageToken.Say("after"));
            cursor = new DirectoryCursor(at, key);
        }

        var filter = new DirectoryFilter(await scope.DefaultOwnersAsync(user), tag?.Trim(), tier, status, open, string.IsNullOrEmpty(query) ? null : query);
        if (owner == Unowned)
        {
            if (!user.IsManager) return Problems.Forbidden(ApiPhrases.UnownedManagersOnly.Say());
            filter = filter with { Owners = null, Unowned = true };
        }
        else if (owner is not null)
        {
            if (!Ids.IsValid(owner)) return Problems.InvalidId("owner");
            if (!await scope.CanSeeCustomerOfAsync(user, owner))
                return Problems.Forbidden(user.IsManager ? ApiPhrases.NotYouOrTeam.Say(owner) : ApiPhrases.NotYou.Say(owner));
            filter = filter with { Owners = [owner] };
        }

        var (rows, more) = await directory.ListAsync(user.Tenant, filter, cursor, limit ?? DefaultPageSize, ct);
        var now = DateTimeOffset.UtcNow;
        var items = rows.Select(r => Summary(r, now)).ToList();
        return TypedResults.Ok(new ConsoleCustomerPage(items, more ? PageCursor.Encode(rows[^1].LastInteractionAt, rows[^1].CustomerId) : null));
    }

    private static ConsoleCustomerSummary Summary(DirectoryRow row, DateTimeOffset now)
    {
        var rfm = RfmScores.At(now, row.Orders, row.LastOrderAt, row.MonetaryScore);
        return new(row.CustomerId, row.DisplayName, row.Owner, row.Remark, row.Tags, row.Tier, row.Status, row.LastInteractionAt, row.OpenNudges, row.Orders,
            new RfmView(rfm.Recency, rfm.Frequency, rfm.Monetary),
            [.. row.LifetimeValue.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new MoneyView(v.Key, v.Value))]);
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetAsync(ConsoleUser user, string customerId, ConsoleScope scope, IGrainFactory grains,
        CustomerViewCompletion completion)
    {
        var (view, problem) = await VisibleAsync(user, customerId, scope, grains);
        return view is null ? problem! : TypedResults.Ok(await completion.CompleteAsync(user.Tenant, view));
    }

    private static async Task<Results<Ok<ConsoleTimelinePage>, ProblemHttpResult>> TimelineAsync(
        ConsoleUser user, string customerId, string? before, [Range(1, CustomerTimeline.MaxPageSize)] int? limit,
        ConsoleScope scope, IGrainFactory grains, CustomerTimeline timeline, CampaignNames campaignNames, CancellationToken ct)
    {
        if (limit is < 1 or > CustomerTimeline.MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, CustomerTimeline.MaxPageSize));
        TimelineCursor? cursor = null;
        if (before is not null)
        {
            if (!PageCursor.TryDecode(before, out var at, out var key) || at is null)
                return Problems.BadRequest("before", ApiPhrases.PageToken.Say("before"));
            cursor = new TimelineCursor(at.Value, key);
        }
        var (view, problem) = await VisibleAsync(user, customerId, scope, grains);
        if (view is null) return problem!;
        var (entries, more) = await timeline.PageAsync(user.Tenant, customerId, cursor, limit ?? DefaultPageSize, ct);
        var items = new List<ConsoleTimelineEntry>(entries.Count);
        foreach (var e in entries)
        {
            var detail = Json(e.Detail);
            if (e.Kind == "nudge-raised" && detail is not null
                && await campaignNames.NameOfSourceAsync(user.Tenant, detail.GetValueOrDefault("source")) is { } campaignName)
                detail["campaignName"] = campaignName;
            items.Add(new ConsoleTimelineEntry(e.At, e.Kind, e.Id, e.What, e.Channel, e.StaffId, e.Text, detail));
        }
        return TypedResults.Ok(new ConsoleTimelinePage(items, more ? PageCursor.Encode(entries[^1].At, entries[^1].Key) : null));
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> SetRemarkAsync(ConsoleUser user, string customerId, HttpRequest request,
        ConsoleScope scope, IGrainFactory grains, CustomerViewCompletion completion)
    {
        var (body, bodyProblem) = await JsonBody.ReadAsync<RemarkRequest>(request);
        if (body is null) return bodyProblem!;
        var remark = body.Remark?.Trim();
        if (TextFields.Problem("remark", remark, MaxRemarkLength) is { } problem) return problem;
        var (view, notVisible) = await VisibleAsync(user, customerId, scope, grains);
        if (view is null) return notVisible!;
        return await Customer(grains, user.Tenant, customerId).SetRemarkAsync(remark, user.StaffId) is { } changed
            ? TypedResults.Ok(await completion.CompleteAsync(user.Tenant, changed))
            : NotVisible(customerId);
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> AddTagAsync(ConsoleUser user, string customerId, string tag, ConsoleScope scope, IGrainFactory grains,
        CustomerViewCompletion completion)
    {
        if (TagNames.Normalize(tag) is not { } folded) return Problems.BadRequest("tag", ApiPhrases.TagField.Say("tag"));
        tag = folded;
        var (view, problem) = await VisibleAsync(user, customerId, scope, grains);
        if (view is null) return problem!;
        var tagged = view.Tags.Contains(tag) ? view : await Customer(grains, user.Tenant, customerId).AddTagsAsync([tag], user.StaffId);
        return tagged is null ? NotVisible(customerId) : TypedResults.Ok(await completion.CompleteAsync(user.Tenant, tagged));
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> RemoveTagAsync(ConsoleUser user, string customerId, string tag, ConsoleScope scope, IGrainFactory grains,
        CustomerViewCompletion completion)
    {
        if (TagNames.Normalize(tag) is not { } folded) return Problems.BadRequest("tag", ApiPhrases.TagField.Say("tag"));
        tag = folded;
        var (view, problem) = await VisibleAsync(user, customerId, scope, grains);
        if (view is null) return problem!;
        var changed = view.Tags.Contains(tag) ? await Customer(grains, user.Tenant, customerId).RemoveTagsAsync([tag], user.StaffId) : view;
        return changed is null ? NotVisible(customerId) : TypedResults.Ok(await completion.CompleteAsync(user.Tenant, changed));
    }

    /// <summary>The customer if it exists and the user may see it; otherwise the one 404 for both.</summary>
    internal static async Task<(CustomerView? View, ProblemHttpResult? Problem)> VisibleAsync(ConsoleUser user, string customerId, ConsoleScope scope, IGrainFactory grains)
    {
        if (!Ids.IsValid(customerId)) return (null, Problems.InvalidId("customerId"));
        var view = await Customer(grains, user.Tenant, customerId).GetAsync();
        return view is not null && await scope.CanSeeCustomerAsync(user, customerId, view.Owner) ? (view, null) : (null, NotVisible(customerId));
    }

    private static bool TryName<TEnum>(string text, out string? name) where TEnum : struct, Enum
    {
        name = !text.Any(char.IsDigit) && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) ? value.ToString() : null;
        return name is not null;
    }

    /// <summary>The stored JSON object's members as text (every one is text today; anything else keeps its JSON).</summary>
    private static Dictionary<string, string?>? Json(string? detail)
    {
        if (detail is null) return null;
        using var document = JsonDocument.Parse(detail);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString(),
            JsonValueKind.Null => null,
            _ => p.Value.GetRawText(),
        });
    }

    private static ICustomerGrain Customer(IGrainFactory grains, string tenant, string customerId) =>
        grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customerId));

    private static ProblemHttpResult NotVisible(string customerId) => Problems.NotFound(ApiPhrases.NotVisible.Say(customerId));
}
