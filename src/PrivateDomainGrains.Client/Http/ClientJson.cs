using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Client.Http;

/// <summary>The API's JSON (camelCase; nulls not sent), generated at build time for every request and answer.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(CreatedTenant))]
[JsonSerializable(typeof(CreateStaffRequest))]
[JsonSerializable(typeof(UpdateStaffRequest))]
[JsonSerializable(typeof(StaffView))]
[JsonSerializable(typeof(IReadOnlyList<StaffView>))]
[JsonSerializable(typeof(ConsoleTokenRequest))]
[JsonSerializable(typeof(ConsoleToken))]
[JsonSerializable(typeof(EventBatchRequest))]
[JsonSerializable(typeof(EventBatchResponse))]
[JsonSerializable(typeof(CustomerView))]
[JsonSerializable(typeof(InteractionPage))]
[JsonSerializable(typeof(OwnerRequest))]
[JsonSerializable(typeof(TagsRequest))]
[JsonSerializable(typeof(HandoverRequest))]
[JsonSerializable(typeof(HandoverAccepted))]
[JsonSerializable(typeof(HandoverView))]
[JsonSerializable(typeof(PlaybookResponse))]
[JsonSerializable(typeof(PlaybookStored))]
[JsonSerializable(typeof(LearningView))]
[JsonSerializable(typeof(WeComSettingsRequest))]
[JsonSerializable(typeof(WeComSettingsView))]
[JsonSerializable(typeof(NodeStats))]
[JsonSerializable(typeof(ExecutionReport))]
[JsonSerializable(typeof(OverdueNudges))]
internal sealed partial class ClientJson : JsonSerializerContext;
