using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Api;

// Bodies of HTTP API contract v1, as far as the load test uses them.

public sealed record CreateTenantRequest(string Tenant, string Name);

public sealed record TenantCredentials(string Tenant, string ApiKey, string AdminKey);

public sealed record CreateStaffRequest(string StaffId, string Name, string Password);

public sealed record ConsoleTokenRequest(string Tenant, string StaffId, string Password);

public sealed record ConsoleToken(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record IngestRequest(IReadOnlyList<LoadEvent> Events);

public sealed record IngestError(int Index, string? EventId, IReadOnlyList<string>? Errors);

public sealed record IngestResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<IngestError>? Errors);

public sealed record PlaybookSaved(int Version);

public sealed record HandoverRequest(string ToStaffId);

public sealed record HandoverStatus(
    string HandoverId,
    string From,
    string To,
    string State,
    long Total,
    long Moved,
    long Failed,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool Completed => State == "completed";
}

public sealed record HandoverAccepted(string HandoverId, string StatusUrl, HandoverStatus Handover);

public sealed record NodeStats(
    string Node,
    long ActiveCustomerGrains,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    double CpuSecondsTotal,
    int ProcessorCount,
    double UptimeSeconds);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(TenantCredentials))]
[JsonSerializable(typeof(CreateStaffRequest))]
[JsonSerializable(typeof(ConsoleTokenRequest))]
[JsonSerializable(typeof(ConsoleToken))]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(NodeStats))]
[JsonSerializable(typeof(PlaybookSaved))]
[JsonSerializable(typeof(HandoverRequest))]
[JsonSerializable(typeof(HandoverAccepted))]
[JsonSerializable(typeof(HandoverStatus))]
internal sealed partial class ApiJson : JsonSerializerContext;
