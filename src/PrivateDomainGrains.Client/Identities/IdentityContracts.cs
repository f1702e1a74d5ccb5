namespace PrivateDomainGrains.Client;

/// <summary>The identity kinds, strongest first (the order events are resolved in); <see cref="Nickname"/> is weak and never matches alone.</summary>
public static class IdentityKinds
{
    public const string UnionId = "unionid", ExternalUserId = "external_userid", Phone = "phone", Order = "order", Email = "email", Nickname = "nickname";

    /// <summary>The user id of one WeChat app: <c>openid:{appId}</c>.</summary>
    public static string OpenId(string appId) => "openid:" + appId;
}

/// <summary>An identity a customer holds; <see cref="Value"/> normalised (a phone in E.164); <see cref="Source"/> <c>event:{id}</c>, <c>api</c> or <c>import</c>.</summary>
public sealed record IdentityView(string Kind, string Value, string CustomerId, string Source, DateTimeOffset AddedAt);

/// <summary>A customer's identities, strongest first; <see cref="AttachedFromPool"/>: pending events an addition attached.</summary>
public sealed record CustomerIdentities(string CustomerId, IReadOnlyList<IdentityView> Identities, int AttachedFromPool = 0);

/// <summary>
/// 1-8 strong identities, kind to value, for a known customer; <see cref="CreateCustomer"/>: the customer may be new
/// (its first event creates it).
/// </summary>
public sealed record AddIdentitiesRequest(IReadOnlyDictionary<string, string> Identities, bool CreateCustomer = false);

/// <summary>1-10,000 identities of known customers; <see cref="CreateCustomers"/>: the rows' customers may be new.</summary>
public sealed record IdentityImportRequest(IReadOnlyList<IdentityImportRow> Rows, bool CreateCustomers = false);

public sealed record IdentityImportRow(string CustomerId, string Kind, string Value);

/// <summary>Rows added, already there, and rejected (each in <see cref="Errors"/>).</summary>
public sealed record IdentityImportResult(int Added, int Unchanged, int Rejected, IReadOnlyList<IdentityImportError> Errors, int AttachedFromPool);

/// <summary>The upload formats of <c>IdentitiesClient.StartImportAsync</c>.</summary>
public static class IdentityImportFormats
{
    /// <summary><see cref="Csv"/>: <c>text/csv</c> with the header <c>customerId,kind,value</c>; <see cref="JsonLines"/>: <c>application/x-ndjson</c>, one <c>{"customerId","kind","value"}</c> a line.</summary>
    public const string Csv = "text/csv", JsonLines = "application/x-ndjson";
}

/// <summary>
/// An identity import job's progress; <see cref="State"/> <c>running</c>, <c>completed</c> or <c>cancelled</c>. A completed import has
/// <c>Added + Unchanged + Refused + Conflicts == Read</c>; the refused and conflicting rows are listed by <c>ListImportRowsAsync</c>.
/// <see cref="CreateCustomers"/>: its rows could name customers not known yet; <see cref="By"/>: the staff member who
/// started it in the console (null: the admin key).
/// </summary>
public sealed record IdentityImportView(string JobId, string Format, string State, long Read, long Added, long Unchanged, long Refused, long Conflicts,
    long AttachedFromPool, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool CreateCustomers = false, string? By = null);

/// <summary>An import accepted: poll <see cref="StatusUrl"/>.</summary>
public sealed record IdentityImportAccepted(string JobId, string StatusUrl, IdentityImportView Job);

/// <summary>
/// One row of an import: <see cref="Line"/> in the upload (from 1, the CSV header is line 1); <see cref="State"/>
/// <c>pending</c>, <c>added</c>, <c>unchanged</c>, <c>refused</c> (<see cref="Field"/> and <see cref="Reason"/> say why)
/// or <c>conflict</c> (<see cref="Reason"/> names the customer holding it). <see cref="Value"/> is masked
/// (<c>+86********401</c>) once the row is refused or worked, as are a refused row's invalid customer id and unknown kind:
/// a report keeps no personal value.
/// </summary>
public sealed record IdentityImportRowItem(long Line, string? CustomerId, string? Kind, string? Value, string State, string? Field, string? Reason);

/// <summary>A page of an import's rows; pass <see cref="NextAfter"/> as <c>after</c> for the next (null on the last).</summary>
public sealed record IdentityImportRowPage(IReadOnlyList<IdentityImportRowItem> Items, long? NextAfter);

/// <summary>Why row <see cref="Index"/> was not imported: <see cref="Status"/> 400 (invalid, the field named first) or 409 (another customer holds it).</summary>
public sealed record IdentityImportError(int Index, string Error, int Status);

/// <summary>An event of the pending pool; <see cref="State"/> <c>pending</c>, <c>attached</c> or <c>dismissed</c>.</summary>
public sealed record PendingEventView(
    string EventId, string Type, DateTimeOffset At, string? Channel, string? StaffId, string? Text, IReadOnlyDictionary<string, string>? Data,
    IReadOnlyDictionary<string, string> Identities, string Reason, string State, string? CustomerId, DateTimeOffset ReceivedAt,
    DateTimeOffset? SettledAt, string? SettledBy)
{
    /// <summary>For a pending nickname event read alone: customers it may be about, most similar name first, then most recently active, then owned.</summary>
    public IReadOnlyList<PendingCandidate> Candidates { get; init; } = [];
}

/// <summary>A customer a nickname may name; <see cref="Similarity"/> 0-1 (1: the same folded name).</summary>
public sealed record PendingCandidate(string CustomerId, string? DisplayName, string? Owner, DateTimeOffset? LastInteractionAt, double Similarity);

/// <summary>A page of the pool; pass <see cref="NextAfter"/> as <c>after</c> for the next (null on the last).</summary>
public sealed record PendingEventPage(IReadOnlyList<PendingEventView> Items, string? NextAfter);

public sealed record AttachPendingRequest(string CustomerId);

/// <summary>The tenant's phone region (ISO 3166 alpha-2) and the event types that create customers for unknown identities.</summary>
public sealed record IdentitySettingsRequest(string DefaultRegion, IReadOnlyList<string> CreateCustomerOn);

/// <summary>The identity settings the tenant's events are resolved with; <see cref="Custom"/> false while the node's defaults apply.</summary>
public sealed record IdentitySettingsView(string DefaultRegion, IReadOnlyList<string> CreateCustomerOn, bool Custom, DateTimeOffset? UpdatedAt);
