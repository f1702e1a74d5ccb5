namespace PrivateDomainGrains.Persistence;

/// <summary>
/// A customer's profile as stored in <c>pdg_customer_snapshots</c>: UTF-8 JSON <paramref name="Body"/> with the
/// journal <paramref name="Sequence"/> folded into it. <paramref name="Revision"/> grows with every write of the
/// customer, so a stale write can never overwrite a newer one.
/// </summary>
public sealed record CustomerSnapshotRow(string Tenant, string CustomerId, long Revision, long Sequence, byte[] Body);

/// <summary>
/// What a customer grain needs to activate: its last snapshot (if any), the journal events after it, and its entry in
/// the due-time index (null: none).
/// </summary>
public sealed record CustomerLoad(CustomerSnapshotRow? Snapshot, IReadOnlyList<JournalRow> Unfolded, DateTimeOffset? DueAt)
{
    /// <summary>When the customer's personal data was erased (<see cref="PersonalDataEraser"/>); null if it never was.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>The customer this one was merged into and redirects to (<see cref="CustomerMerges"/>); null while it stands on its own.</summary>
    public string? MergedInto { get; init; }
}
