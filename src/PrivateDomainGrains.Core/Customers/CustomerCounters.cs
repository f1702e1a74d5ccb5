using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>Running totals maintained on every event. JSON names are the storage contract.</summary>
public sealed class CustomerCounters
{
    [JsonPropertyName("in")] public int MessagesReceived { get; set; }
    [JsonPropertyName("out")] public int MessagesSent { get; set; }
    [JsonPropertyName("likes")] public int MomentLikes { get; set; }
    [JsonPropertyName("comments")] public int MomentComments { get; set; }
    [JsonPropertyName("views")] public int PageViews { get; set; }
    [JsonPropertyName("orders")] public int Orders { get; set; }
    [JsonPropertyName("refunds")] public int Refunds { get; set; }
    /// <summary>Paid minus refunded, in the currency of <see cref="Currency"/>.</summary>
    [JsonPropertyName("spend")] public decimal Spend { get; set; }
    [JsonPropertyName("currency")] public string? Currency { get; set => field = SharedStrings.Share(value); }
    [JsonPropertyName("events")] public long Events { get; set; }
}
