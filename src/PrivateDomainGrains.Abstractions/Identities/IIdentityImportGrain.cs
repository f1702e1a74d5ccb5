using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Identities;

/// <summary>
/// One bulk import of existing customers' identities: adds the rows staged for it (<c>pdg_identity_import_rows</c>) to
/// the identity index a page at a time, records each row's result, and attaches the pending events the added identities
/// name. Key: <see cref="GrainKeys.For"/>(tenant, jobId). Its cursor and counts are saved after every page and a
/// reminder brings it back if its silo dies, so it resumes after the last saved page.
/// </summary>
[Alias("pdg.IIdentityImportGrain")]
public interface IIdentityImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the import over the rows staged for its id and returns at once; rows staged as refused count as refused
    /// from the start. Starting an import that exists changes nothing and returns its status.
    /// </summary>
    [Alias("StartWith")] Task<IdentityImportView> StartAsync(IdentityImportSpec spec);

    /// <summary>The status, or null if no import has this id. Answers while the import runs.</summary>
    [AlwaysInterleave, Alias("Get")] Task<IdentityImportView?> GetAsync();

    /// <summary>
    /// Stops a running import before its next page and answers once it has: the rows it worked keep their results, the
    /// others stay <c>pending</c>, its state is <see cref="IdentityImportStates.Cancelled"/>. An import that is not
    /// running answers its status unchanged; null if no import has this id.
    /// </summary>
    [AlwaysInterleave, Alias("Cancel")] Task<IdentityImportView?> CancelAsync();
}

/// <summary>
/// An identity import's progress. <see cref="Read"/> rows were staged from the upload; each ends <see cref="Added"/>,
/// <see cref="Unchanged"/> (the customer held it already), <see cref="Refused"/> (invalid: its row says the field and
/// why) or <see cref="Conflicts"/> (another customer holds the identity; nothing moves): a completed import has
/// <c>Added + Unchanged + Refused + Conflicts == Read</c>. After a restart the rows of the page in flight are added again
/// and count as unchanged, so <see cref="Added"/> may fall short by up to one page.
/// </summary>
/// <param name="Format"><c>csv</c> or <c>jsonl</c>.</param>
/// <param name="State"><c>running</c>, <c>completed</c> or <c>cancelled</c> (its rows not yet worked become <c>cancelled</c>, their values masked).</param>
/// <param name="AttachedFromPool">Pending events the imported identities attached to their customers.</param>
/// <param name="CreateCustomers">Whether rows may name customers the platform does not know yet (see <see cref="IdentityImportSpec"/>).</param>
/// <param name="By">The staff member who started it from the console; null when started with the admin key.</param>
[GenerateSerializer, Immutable, Alias("pdg.IdentityImportView")]
public sealed record IdentityImportView(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Format,
    [property: Id(2)] string State,
    [property: Id(3)] long Read,
    [property: Id(4)] long Added,
    [property: Id(5)] long Unchanged,
    [property: Id(6)] long Refused,
    [property: Id(7)] long Conflicts,
    [property: Id(8)] long AttachedFromPool,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt,
    [property: Id(11)] bool CreateCustomers = false,
    [property: Id(12)] string? By = null);

/// <summary>How an identity import is to be run.</summary>
/// <param name="Format"><c>csv</c> or <c>jsonl</c>.</param>
/// <param name="CreateCustomers">
/// False (the default): a row naming a customer the platform does not know (no event, owner, tags or identity yet) is
/// refused on <c>customerId</c>, so an identity only ever attaches to a known customer. True: such a row is added, and
/// the customer comes into being with the first event that names it or the identity (as an event naming a customer id
/// creates it), e.g. a CRM's customers imported before their history is backfilled.
/// </param>
/// <param name="By">The console user who started it (<c>staffId</c>); null for the admin key.</param>
/// <param name="Owners">The staff whose customers the rows may name (a manager's team); null: any customer of the tenant.
/// Rows naming other customers are refused on <c>customerId</c> as unknown ones are.</param>
[GenerateSerializer, Immutable, Alias("pdg.IdentityImportSpec")]
public sealed record IdentityImportSpec(
    [property: Id(0)] string Format,
    [property: Id(1)] bool CreateCustomers = false,
    [property: Id(2)] string? By = null,
    [property: Id(3)] string[]? Owners = null);

/// <summary>The values of <see cref="IdentityImportView.State"/>.</summary>
public static class IdentityImportStates
{
    public const string Running = "running", Completed = "completed", Cancelled = "cancelled";
}
