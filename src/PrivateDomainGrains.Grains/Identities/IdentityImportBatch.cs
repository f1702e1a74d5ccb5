using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Identities;

/// <summary>
/// Adds a batch of valid import rows to the identity index, the one path of both the synchronous import and the import
/// job: a row naming a customer merged into another is that one's; the rows go in through the index's bulk statement
/// (one round trip); an identity another customer holds is the row's conflict, never a move; then the pending events
/// the rows' identities name are attached to their customers, as an identity added by the API attaches them.
/// </summary>
public sealed class IdentityImportBatch(IdentityIndex index, CustomerMerges merges, PendingAttacher attacher)
{
    /// <summary>The source the index records for an imported identity.</summary>
    public const string Source = "import";

    /// <summary>
    /// Adds <paramref name="rows"/> (all <see cref="IdentityImportRowState.Pending"/>, normalised, strong) and returns
    /// each row's result in order (<c>added</c>, <c>unchanged</c>, <c>conflict</c> with the reason naming the holder, or
    /// <c>refused</c> on <c>customerId</c> for a customer whose personal data was erased; the customer id replaced by its
    /// survivor's) and how many pending events were attached.
    /// </summary>
    /// <param name="attachAlsoUnchanged">Also attach the pending events of identities found already there: a job resumed
    /// after a restart meets the rows of its interrupted page as already added, and their events may still wait.</param>
    public async Task<(List<IdentityImportRow> Results, int Attached)> AddAsync(string tenant, IReadOnlyList<IdentityImportRow> rows, bool attachAlsoUnchanged,
        CancellationToken ct = default)
    {
        if (rows.Count == 0) return ([], 0);
        var survivors = await merges.SurvivorsAsync(tenant, [.. rows.Select(r => r.CustomerId!).Distinct(StringComparer.Ordinal)], ct);
        var indexed = rows.Select(r => new IdentityRow(tenant, r.Kind!, r.Value!, survivors.GetValueOrDefault(r.CustomerId!) ?? r.CustomerId!, Source)).ToList();
        // An erased customer stays erased: an identity given for it would make later events name it again.
        var erased = await index.ErasedCustomersAsync(tenant, [.. indexed.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal)], ct);
        var outcomes = await index.AddAsync([.. indexed.Where(r => !erased.Contains(r.CustomerId))], ct);
        var results = new List<IdentityImportRow>(rows.Count);
        var attach = new List<CustomerIdentity>();
        for (int i = 0, added = 0; i < rows.Count; i++)
        {
            var row = rows[i] with { CustomerId = indexed[i].CustomerId };
            if (erased.Contains(row.CustomerId!))
            {
                results.Add(row with { State = IdentityImportRowState.Refused, Field = "customerId", Reason = ErasedReason(row.CustomerId!) });
                continue;
            }
            var (outcome, holder) = outcomes[added++];
            if (outcome == IdentityIndex.AddOutcome.HeldByAnother)
            {
                results.Add(row with
                {
                    State = IdentityImportRowState.Conflict,
                    Field = "value",
                    Reason = holder.Length > 0 ? $"{row.Kind} '{row.Value}' already names customer '{holder}'" : $"another customer took {row.Kind} '{row.Value}' meanwhile",
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

    /// <summary>Why no identity is added to <paramref name="customerId"/>: its personal data was erased.</summary>
    public static string ErasedReason(string customerId) => $"customer '{customerId}' was erased (its personal data deleted): no identity is added to it again";
}
