using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Identities;

/// <summary>
/// Adds a batch of valid import rows to the identity index, the one path of both the synchronous import and the import
/// job: a row naming a customer merged into another is that one's; the rows go in through the index's bulk statement
/// (one round trip); an identity another customer holds is the row's conflict, never a move; then the pending events
/// the rows' identities name are attached to their customers, as an identity added by the API attaches them. A row
/// naming a customer the platform does not know is refused on <c>customerId</c> unless the import says its customers
/// may be new (<see cref="IdentityImportTargets"/>): an identity attaches to a known customer, so that a later order
/// naming it reaches that customer instead of creating one (orders for unknown people wait in the pending pool).
/// </summary>
public sealed class IdentityImportBatch(IdentityIndex index, CustomerMerges merges, PendingAttacher attacher)
{
    /// <summary>The source the index records for an imported identity.</summary>
    public const string Source = "import";

    /// <summary>
    /// Adds <paramref name="rows"/> (all <see cref="IdentityImportRowState.Pending"/>, normalised, strong) and returns
    /// each row's result in order (<c>added</c>, <c>unchanged</c>, <c>conflict</c> with the reason naming the holder, or
    /// <c>refused</c> on <c>customerId</c> for a customer whose personal data was erased, or one
    /// <paramref name="targets"/> does not allow; the customer id replaced by its survivor's, except on a refusal as
    /// unknown, which names the customer as the row did, so that a manager learns nothing of a survivor outside their
    /// team) and how many pending events were attached.
    /// </summary>
    /// <param name="targets">Which customers the rows may name.</param>
    /// <param name="attachAlsoUnchanged">Also attach the pending events of identities found already there: a job resumed
    /// after a restart meets the rows of its interrupted page as already added, and their events may still wait.</param>
    public async Task<(List<IdentityImportRow> Results, int Attached)> AddAsync(string tenant, IReadOnlyList<IdentityImportRow> rows, IdentityImportTargets targets,
        bool attachAlsoUnchanged, CancellationToken ct = default)
    {
        if (rows.Count == 0) return ([], 0);
        var survivors = await merges.SurvivorsAsync(tenant, [.. rows.Select(r => r.CustomerId!).Distinct(StringComparer.Ordinal)], ct);
        var indexed = rows.Select(r => new IdentityRow(tenant, r.Kind!, r.Value!, survivors.GetValueOrDefault(r.CustomerId!) ?? r.CustomerId!, Source)).ToList();
        var customers = indexed.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        // An erased customer stays erased: an identity given for it would make later events name it again.
        var erased = await index.ErasedCustomersAsync(tenant, customers, ct);
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in erased) refused[id] = ErasedReason(id);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        // An identity attaches to a known customer (of the importer's team, for a manager) unless the import says its customers may be new.
        if (!targets.CreateCustomers || targets.Owners is not null)
        {
            var known = await index.KnownCustomersAsync(tenant, customers, ct);
            foreach (var id in customers.Where(id => !erased.Contains(id)))
            {
                var allowed = known.TryGetValue(id, out var owner) ? targets.Owners is null || owner is null || targets.Owners.Contains(owner) : targets.CreateCustomers;
                if (!allowed) unknown.Add(id);
            }
        }
        var outcomes = await index.AddAsync([.. indexed.Where(r => !refused.ContainsKey(r.CustomerId) && !unknown.Contains(r.CustomerId))], ct);
        var results = new List<IdentityImportRow>(rows.Count);
        var attach = new List<CustomerIdentity>();
        for (int i = 0, added = 0; i < rows.Count; i++)
        {
            if (unknown.Contains(indexed[i].CustomerId))
            {
                results.Add(rows[i] with { State = IdentityImportRowState.Refused, Field = "customerId", Reason = UnknownReason(rows[i].CustomerId!, targets.Owners is not null) });
                continue;
            }
            var row = rows[i] with { CustomerId = indexed[i].CustomerId };
            if (refused.TryGetValue(row.CustomerId!, out var why))
            {
                results.Add(row with { State = IdentityImportRowState.Refused, Field = "customerId", Reason = why });
                continue;
            }
            var (outcome, holder) = outcomes[added++];
            if (outcome == IdentityIndex.AddOutcome.HeldByAnother)
            {
                results.Add(row with
                {
                    State = IdentityImportRowState.Conflict,
                    Field = "value",
                    // A manager's import does not name customers beyond their team; the value is masked, as the job's report keeps it.
                    Reason = holder.Length > 0 && targets.Owners is null ? IdentityPhrases.HeldBy.Say(row.Kind, IdentityMask.Of(row.Value!), holder)
                        : holder.Length > 0 ? IdentityPhrases.HeldByAnother.Say(row.Kind, IdentityMask.Of(row.Value!))
                        : IdentityPhrases.TakenMeanwhile.Say(row.Kind, IdentityMask.Of(row.Value!)),
                });
                continue;
            }
            var isNew = outcome == IdentityIndex.AddOutcome.Added;
            results.Add(row with { State = isNew ? IdentityImportRowState.Added : IdentityImportRowState.Unchanged });
            if (isNew || attachAlsoUnchanged) attach.Add(new CustomerIdentity(row.Kind!, row.Value!));
        }
        var attached = await attacher.AttachByIdentitiesAsync(tenant, attach, ct);
        return (results, attached.Count(a => a.Attached));
    }

    /// <summary>
    /// Why no identity is added to <paramref name="customerId"/>: the platform does not know it, or (<paramref name="scoped"/>,
    /// a manager's import) it is not among the customers of their team; the two read alike so a refusal says nothing of
    /// other teams.
    /// </summary>
    /// <param name="option">The request's field that allows new customers.</param>
    public static string UnknownReason(string customerId, bool scoped = false, string option = "createCustomers") => scoped
        ? IdentityPhrases.UnknownInTeam.Say(customerId)
        : IdentityPhrases.UnknownCustomer.Say(customerId, option);

    /// <summary>Why no identity is added to <paramref name="customerId"/>: its personal data was erased.</summary>
    public static string ErasedReason(string customerId) => IdentityPhrases.Erased.Say(customerId);
}

/// <summary>Which customers an import's rows may name.</summary>
/// <param name="CreateCustomers">Also customers the platform does not know yet (their first event creates them).</param>
/// <param name="Owners">Only customers owned by one of these staff or by no one (a manager's scope, as <c>ConsoleScope</c> has it); null: any of the tenant's.</param>
public sealed record IdentityImportTargets(bool CreateCustomers, IReadOnlySet<string>? Owners);
