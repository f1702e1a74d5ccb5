using Orleans.Concurrency;
using PrivateDomainGrains.Abstractions.Campaigns;
using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>One customer of one tenant. Key: <see cref="GrainKeys.For"/>(tenant, customerId).</summary>
[Alias("pdg.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Journals the events durably, folds them in by event time and raises nudges; completes only when all of that is
    /// durable. The events are validated already; they are this customer's whatever their
    /// <see cref="CustomerEvent.CustomerId"/> says. With <paramref name="backfill"/> (and for any event that arrives
    /// longer than the playbook's <c>contactPolicy.backfillAfter</c> after its time) they are history: they build the
    /// customer but raise no nudge and start no SOP. Events naming a staff member who left count as their successor's.
    /// </summary>
    [Alias("Ingest")] Task<IngestOutcome> IngestAsync(CustomerEvent[] events, bool backfill = false);

    /// <summary>The customer, or null if nothing is known about it.</summary>
    [Alias("Get")] Task<CustomerView?> GetAsync();

    /// <summary>
    /// Makes <paramref name="staffId"/> the owner; open nudges and future ones go to the new owner. Never creates a
    /// customer: null if nothing is known about it.
    /// </summary>
    [Alias("AssignOwner")] Task<CustomerView?> AssignOwnerAsync(string staffId);

    /// <summary>
    /// Hands the customer from <paramref name="fromStaffId"/> to <paramref name="toStaffId"/> as <see cref="AssignOwnerAsync"/>
    /// does, but only if <paramref name="fromStaffId"/> still owns it: a bulk handover must not undo a manager's later
    /// reassignment. As WeCom's 在职/离职继承 transfer the external contact, the relationship of
    /// <paramref name="fromStaffId"/> with the customer and the open nudges addressed to them by name go too; on a
    /// <paramref name="departure"/> (离职继承) also when they follow the customer without owning it. True if anything
    /// moved or already belonged to <paramref name="toStaffId"/>.
    /// </summary>
    [Alias("HandOver")] Task<bool> HandOverAsync(string fromStaffId, string toStaffId, bool departure = false);

    /// <summary>
    /// Adds tags by hand: <paramref name="staffId"/> is the staff member who did (null: an integration), for the
    /// timeline. Never creates a customer: null if nothing is known about it.
    /// </summary>
    [Alias("AddTags")] Task<CustomerView?> AddTagsAsync(string[] tags, string? staffId = null);

    /// <summary>Removes tags by hand (see <see cref="AddTagsAsync"/>); null if nothing is known about the customer.</summary>
    [Alias("RemoveTags")] Task<CustomerView?> RemoveTagsAsync(string[] tags, string? staffId = null);

    /// <summary>
    /// A tag job's change (<c>ITagJobGrain</c>): removes <paramref name="remove"/>, then adds <paramref name="add"/>, in
    /// one commit, as <see cref="RemoveTagsAsync"/> and <see cref="AddTagsAsync"/> would (rules, exclusive groups,
    /// timeline). Never creates a customer: null if nothing is known about it; else whether any tag changed.
    /// </summary>
    [Alias("Retag")] Task<bool?> RetagAsync(string[] add, string[] remove, string? staffId = null);

    /// <summary>
    /// Sets the owner's remark about the customer (备注, the custom field <c>remark</c>: shown in lists, searched like the
    /// name), or clears it with null or empty; <paramref name="staffId"/> is who did, for the timeline (a
    /// <c>field-set</c> change). The same remark again changes nothing. Null if nothing is known about the customer.
    /// </summary>
    [Alias("SetRemark")] Task<CustomerView?> SetRemarkAsync(string? remark, string staffId);

    /// <summary>
    /// The scheduler's call when the customer's due time (in the due-time index) has come: runs due timers, SOP steps
    /// and held nudges, raises what is due and records the next due time. Safe to repeat: nudge ids are deterministic.
    /// </summary>
    [Alias("Wake")] Task WakeAsync(DateTimeOffset dueAt);

    /// <summary>
    /// A campaign reaches this customer (<see cref="ICampaignGrain"/>): one proactive nudge to the owner, source
    /// <c>campaign:{campaignId}</c>, judged by the playbook's contact policy (caps, quiet hours, staff cap) like any
    /// other. Safe to repeat: a customer that has the campaign's nudge already (held, or raised and remembered) gets no
    /// second one and answers what it became. Never creates a customer: <see cref="CampaignReach.Unknown"/>.
    /// <paramref name="place"/> is the member's place in the campaign (when its pacing released it, after the window's
    /// start): a nudge the policy holds comes due that long after the hold ends, so held members keep the campaign's pace.
    /// </summary>
    [Alias("Reach")] Task<CampaignReach> ReachAsync(string campaignId, CampaignScript script, TimeSpan place);

    /// <summary>The owner's response to one of this customer's nudges; unknown or old nudge ids are ignored.</summary>
    [Alias("RecordResponse")] Task RecordResponseAsync(string nudgeId, NudgeResponse response);

    /// <summary>
    /// What the engine would decide for this customer now, on <paramref name="e"/> (null: whatever timers, SOP steps and
    /// held nudges are due now) with <paramref name="playbookJson"/> (null: the tenant's current playbook), decided on a
    /// copy: the customer, its nudges, its timeline and the learning model stay exactly as they were. Exploration is off
    /// (posterior means), so the same facts give the same answer. Null when nothing is known about the customer.
    /// </summary>
    [Alias("DryRun"), ReadOnly] Task<PlaybookDryRun?> DryRunAsync(string? playbookJson, CustomerEvent? e);

    /// <summary>
    /// Erases everything stored about the customer (journal, profile, nudges, due time, owner and directory rows,
    /// timeline changes, WeCom callbacks naming it) in one transaction and forgets it in memory; its open nudges leave
    /// their consoles. From then on events for the customer id are refused (a conflict naming the erasure).
    /// </summary>
    [Alias("Erase")] Task<ErasureOutcome> EraseAsync();

    /// <summary>
    /// Merges <paramref name="absorbedId"/> into this customer (issue 14; never automatic): its history, tags, identities,
    /// counters, open nudges and SOP positions combine into this one (<c>Core/Customers/CustomerMerge.cs</c>), and from then
    /// on the absorbed id redirects here for reads and later events. Recorded in both timelines; <paramref name="by"/> is who
    /// asked. Not found: either customer is unknown. Conflict (nothing changed): this customer was merged into another,
    /// the absorbed one was already, either was erased, or the absorbed one changed while it was being merged.
    /// </summary>
    [Alias("Merge")] Task<MergeOutcome> MergeAsync(string absorbedId, string by);

    /// <summary>
    /// Undoes one of this customer's merges: both customers become exactly what they were before it (history, nudges,
    /// identities, timeline, owner, due time). Conflict (nothing changed) when this customer changed since the merge (an
    /// event, an edit, a response, a timer, another merge: the problem says which), an identity it moved was removed, or
    /// the merge was undone already; not found when it is not a merge into this customer.
    /// </summary>
    [Alias("UndoMerge")] Task<MergeOutcome> UndoMergeAsync(string mergeId, string by);

    /// <summary>
    /// The survivor's first step of a merge, on the customer to absorb: snapshots it and hands over its state. Until
    /// <see cref="MergeSettledAsync"/>, calls to it wait, then go wherever the merge decided.
    /// </summary>
    [Alias("HandToMerge")] Task<MergeHandoff> HandToMergeAsync(string survivorId);

    /// <summary>
    /// The survivor's last step: the merge is stored (<paramref name="survivorId"/>: redirect there from now on) or not
    /// (null: go on as before). Runs while the customer waits on its handoff, hence interleaved.
    /// </summary>
    [Alias("MergeSettled"), AlwaysInterleave] Task MergeSettledAsync(string? survivorId);

    /// <summary>The survivor undid the merge that absorbed this customer: it reloads what it was and stands on its own again.</summary>
    [Alias("MergeUndone")] Task MergeUndoneAsync();
}
