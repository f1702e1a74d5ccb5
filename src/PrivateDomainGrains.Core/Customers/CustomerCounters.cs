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
    /// <summary>
    /// Paid minus refunded, in the currency of <see cref="Currency"/> (and amounts that named no currency); what tier
    /// rules, conditions and templates read.
    /// </summary>
    [JsonPropertyName("spend")] public decimal Spend { get; set; }

    /// <summary>The customer's currency: the first one an amount named (ISO 4217); null until one does.</summary>
    [JsonPropertyName("currency")] public string? Currency { get; set => field = SharedStrings.Share(value); }

    /// <summary>Paid minus refunded in every other currency, by ISO 4217 code; null when there is none.</summary>
    [JsonPropertyName("otherSpend")] public Dictionary<string, decimal>? OtherSpend { get; set; }
    [JsonPropertyName("events")] public long Events { get; set; }

    /// <summary>The code standing for "no currency" (ISO 4217 <c>XXX</c>): amounts of a customer no amount named a currency for.</summary>
    public const string NoCurrency = "XXX";

    /// <summary>
    /// Lifetime value per currency, the customer's own currency first and the others by code; never added across
    /// currencies. Empty when nothing was spent in any.
    /// </summary>
    public IEnumerable<KeyValuePair<string, decimal>> SpendByCurrency()
    {
        if (Spend != 0 || Currency is not null && Orders > 0) yield return new(Currency ?? NoCurrency, Spend);
        foreach (var other in (OtherSpend ?? []).OrderBy(o => o.Key, StringComparer.Ordinal))
            yield return other;
    }
}
