using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Webhooks;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Gives every event that named its customer by <c>identities</c> a customer id, before any grain sees it (issue 14):
/// <list type="number">
/// <item>each identity is normalised (<see cref="IdentityNormalizer"/>); a bad kind or value is a 400 for that event,
/// naming <c>identities.{kind}</c>;</item>
/// <item>its strong identities are looked up in the index (one query for the whole request); when they, and the
/// event's <c>customerId</c> if it has one, name two different customers, the event is a 409 and nothing is stored;</item>
/// <item>a strong identity nobody holds that belonged to a customer whose data was erased (<c>pdg_identity_erasures</c>)
/// makes the event a 409: the erasure's tombstone covers the customer's identities;</item>
/// <item>otherwise the customer is the one they name (the strongest identity decides, in <see cref="IdentityKinds"/>
/// order), or the event's <c>customerId</c>; an event naming nobody creates a customer (its id minted from its
/// strongest identity with the tenant's key, <see cref="CustomerIdMint"/>: opaque, and the same on every node) when its
/// type is one the tenant's settings create customers on (<see cref="TenantIdentitySettings"/>), and otherwise, like an
/// event named by nickname alone, waits in the pending pool (stored before the answer);</item>
/// <item>the identities of the customers a request creates are claimed in the index before anything else is stored,
/// all of a customer's or none (<see cref="IdentityIndex.ClaimAsync"/>): when another request created the same person
/// under another identity in the same instant, the claim loses and resolution runs again, so the event joins that
/// customer and at most one customer results.</item>
/// </list>
/// Resolved events carry their identities in their data (<see cref="EventIdentities"/>), and the commit that
/// journals them adds the strong ones to the index. Events without identities pass untouched.
/// </summary>
public sealed class IdentityResolver(IdentityIndex index, IdentityPendingPool pool, TenantIdentitySettings settings, CustomerMerges merges,
    WebhookDeliveries webhooks, CustomerIdKeys idKeys)
{
    /// <summary>What resolution made of a request's events.</summary>
    /// <param name="Events">The events for customers, each with its customer id.</param>
    /// <param name="Resolutions">How each event named by identities found its customer.</param>
    /// <param name="Pooled">The events that went to the pending pool now.</param>
    /// <param name="PoolDuplicates">Events already waiting in the pool under their id.</param>
    public sealed record Outcome(
        List<(int Index, CustomerEvent Event)> Events, List<EventResolution> Resolutions, List<PooledEvent> Pooled, int PoolDuplicates);

    public async Task<Outcome> ResolveAsync(string tenant, EventBatchParser.Parsed batch, IReadOnlyList<(int Index, CustomerEvent Event)> events, List<EventError> errors)
    {
        var sentBy = new List<(int Index, CustomerEvent Event, IReadOnlyDictionary<string, string> Sent)>();
        var ready = new List<(int Index, CustomerEvent Event)>(events.Count);
        foreach (var (i, e) in events)
        {
            // Data keys under identity. were refused by EventValidator: the ones these events carry are the platform's own.
            if (batch.Identities.TryGetValue(i, out var sent)) sentBy.Add((i, e, sent));
            else ready.Add((i, e));
        }
        if (sentBy.Count == 0) return new(ready, [], [], 0);

        var tenantSettings = await settings.GetAsync(tenant);
        var named = new List<(int Index, CustomerEvent Event, List<CustomerIdentity> Identities)>(sentBy.Count);
        foreach (var (i, e, sent) in sentBy)
        {
            if (Normalize(tenantSettings.Normalizer, sent, out var problems) is { } identities) named.Add((i, e, identities));
            else errors.Add(EventError.Invalid(i, e.Id, problems));
        }

        // Resolved in request order, each event's strong identities then naming its customer for the events after it:
        // two events carrying one new phone reach one customer, created by the first and matched by the second. Two
        // requests creating one person at once (by a UnionID and by the phone) each claim the new customer's identities
        // in the index before anything is stored: the index's unique key lets one claim win, and the other request
        // resolves again, now finding the winner (IdentityIndex.ClaimAsync).
        var strongOfAll = named.SelectMany(n => n.Identities.Where(i => i.IsStrong)).Distinct().ToList();
        var createdBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            var pass = await DecideAsync(tenant, tenantSettings, named, strongOfAll, createdBy, batch);
            var failed = await index.ClaimAsync(tenant, pass.Claims);
            if (failed.Count == 0)
            {
                errors.AddRange(pass.Errors);
                ready.AddRange(pass.Ready);
                await webhooks.NotifyAsync(tenant, WebhookEventTypes.IdentityConflict, pass.Conflicts);
                var stored = await pool.AddAsync(tenant, [.. pass.Waiting.Select(w => w.Row)]);
                var pooled = pass.Waiting.Where(w => stored.Contains(w.Row.Event.Id)).Select(w => new PooledEvent(w.Index, w.Row.Event.Id, w.Row.Reason)).ToList();
                return new(ready, pass.Resolutions, pooled, pass.Waiting.Count - pooled.Count);
            }
            // Each failed claim means another writer created one of these people just now; the next pass finds it.
            if (attempt == MaxClaimAttempts)
                throw new InvalidOperationException($"Identities of {failed.Count} new customers were taken by concurrent writers {MaxClaimAttempts} times in a row");
            foreach (var customer in failed) createdBy.Remove(customer);
        }
    }

    /// <summary>How many times a request resolves again after losing a claim (each loss is another writer's progress).</summary>
    public const int MaxClaimAttempts = 5;

    /// <summary>One pass of resolution over the index as it is now: what each event becomes, and the identities the customers it creates must claim.</summary>
    private sealed record Pass(
        List<(int Index, CustomerEvent Event)> Ready, List<EventResolution> Resolutions, List<(int Index, PendingEventRow Row)> Waiting, List<EventError> Errors,
        List<(string NotificationId, string? CustomerId, DateTimeOffset At, string Data)> Conflicts, List<IdentityClaim> Claims);

    private async Task<Pass> DecideAsync(string tenant, TenantIdentitySettings.Applied tenantSettings,
        List<(int Index, CustomerEvent Event, List<CustomerIdentity> Identities)> named, List<CustomerIdentity> strongOfAll, Dictionary<string, int> createdBy,
        EventBatchParser.Parsed batch)
    {
        var holders = await index.FindAsync(tenant, strongOfAll);
        var erased = await index.ErasedAsync(tenant, strongOfAll.Where(i => !holders.ContainsKey(i)).ToList());
        var pass = new Pass([], new(named.Count), [], [], [], []);
        var (resolutions, waiting, conflicts, errors, ready) = (pass.Resolutions, pass.Waiting, pass.Conflicts, pass.Errors, pass.Ready);
        foreach (var (i, e, identities) in named)
        {
            var strong = identities.Where(x => x.IsStrong).OrderBy(x => x.Priority).ToList();
            var held = strong.Where(holders.ContainsKey).ToList();
            // An identity of an erased customer that nobody has held since names nobody: the person asked to be forgotten.
            if (strong.Where(x => !holders.ContainsKey(x) && erased.Contains(x)).ToList() is { Count: > 0 } forgotten)
            {
                errors.Add(new EventError(i, e.Id, [.. forgotten.Select(x =>
                    $"'{IdentityFields.Field}.{x.Kind}' belonged to a customer whose data was erased: events naming it are refused")],
                    StatusCodes.Status409Conflict));
                continue;
            }
            var customer = e.CustomerId.Length > 0 ? e.CustomerId : held.Count > 0 ? holders[held[0]] : null;
            // An id merged into another customer names that one, whose identities its own now are (looked up only then).
            if (e.CustomerId.Length > 0 && held.Any(x => holders[x] != customer)
                && (await merges.SurvivorsAsync(tenant, [customer!])).GetValueOrDefault(customer!) is { } survivor)
                customer = survivor;
            if (held.Where(x => holders[x] != customer).ToList() is { Count: > 0 } elsewhere)
            {
                errors.Add(new EventError(i, e.Id, [.. elsewhere.Select(x =>
                    $"'{IdentityFields.Field}.{x.Kind}' already names customer '{holders[x]}', not '{customer}': an identity never moves (merge the customers if they are one person)")],
                    StatusCodes.Status409Conflict));
                // Told to the tenant's webhooks too (the identity's kind, never its value: that is personal data), once per event and kind.
                conflicts.AddRange(elsewhere.Select(x => ($"{WebhookEventTypes.IdentityConflict}:{e.Id}:{x.Kind}", (string?)holders[x], e.At,
                    System.Text.Json.JsonSerializer.Serialize(new { eventId = e.Id, eventType = e.Type, kind = x.Kind, heldBy = holders[x], named = customer }))));
                continue;
            }
            if (customer is not null)
            {
                var by = e.CustomerId.Length > 0 ? "customerId" : held[0].Kind;
                // A customer this request's earlier pass created (and claimed) is found held now; it is still the event's creation.
                resolutions.Add(new EventResolution(i, e.Id, customer, by, Created: createdBy.TryGetValue(customer, out var creator) && creator == i));
                ready.Add((i, EventIdentities.Attach(e, customer, identities)));
                foreach (var x in strong) holders.TryAdd(x, customer);
            }
            else if (strong.Count > 0 && tenantSettings.CreatesCustomer(e.Type))
            {
                customer = (await idKeys.MintAsync(tenant)).For(strong[0]);
                resolutions.Add(new EventResolution(i, e.Id, customer, strong[0].Kind, Created: true));
                pass.Claims.Add(new IdentityClaim(customer, strong, $"event:{e.Id}"));
                createdBy[customer] = i;
                ready.Add((i, EventIdentities.Attach(e, customer, identities)));
                foreach (var x in strong) holders.TryAdd(x, customer);
            }
            else
            {
                var reason = strong.Count > 0 ? PooledEvent.UnknownIdentity : PooledEvent.NicknameOnly;
                var nickname = identities.FirstOrDefault(x => x.Kind == IdentityKinds.Nickname)?.Value;
                waiting.Add((i, new PendingEventRow(tenant, EventIdentities.Attach(e, "", identities), batch.Backfilled.Contains(i),
                    [.. strong.Select(x => x.Key)], nickname, reason)));
            }
        }
        return pass;
    }

    /// <summary>The normalised identities, or null and the problems (each naming <c>identities.{kind}</c>).</summary>
    private static List<CustomerIdentity>? Normalize(IdentityNormalizer normalizer, IReadOnlyDictionary<string, string> sent, out List<FieldError> problems)
    {
        problems = [];
        var identities = new List<CustomerIdentity>(sent.Count);
        foreach (var (kind, value) in sent)
        {
            if (normalizer.Normalize(kind, value, out var problem) is { } identity) identities.Add(identity);
            else problems.Add(new FieldError($"{IdentityFields.Field}.{kind}", problem!));
        }
        return problems.Count == 0 ? identities : null;
    }
}

/// <summary>How the event at <paramref name="Index"/>, named by identities, found its customer.</summary>
/// <param name="CustomerId">The customer the event went to; one created now has a minted id, <c>c_</c> and 26 base32
/// characters that hold nothing of the identity (<see cref="CustomerIdMint"/>).</param>
/// <param name="By">What decided: <c>customerId</c> (the event named it; its identities were added to it) or the kind of the
/// identity that matched (<c>unionid</c>, <c>phone</c>, ...; with <paramref name="Created"/>, the identity the new customer was created for).</param>
/// <param name="Created">True when no customer held the identities and the event type creates one (<c>friend.added</c> by default).</param>
public sealed record EventResolution(int Index, string EventId, string CustomerId, string By, bool Created);

/// <summary>An event that waits in the pending pool: no customer holds its identities yet, or it named only a nickname.</summary>
/// <param name="Reason"><c>unknown-identity</c> (attached by itself once one of its identities appears on a customer) or
/// <c>nickname-only</c> (a person picks the customer).</param>
public sealed record PooledEvent(int Index, string EventId, string Reason)
{
    public const string UnknownIdentity = "unknown-identity", NicknameOnly = "nickname-only";
}
