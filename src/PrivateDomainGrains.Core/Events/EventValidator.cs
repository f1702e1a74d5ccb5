using System.Globalization;
using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Events;

/// <summary>Checks one event against the v1 contract and returns every problem, so callers can report them all at once.</summary>
public static class EventValidator
{
    public const int MaxTextLength = 4000;
    public const int MaxChannelLength = 64;
    public const int MaxDataEntries = 32;
    public const int MaxDataValueLength = 1000;

    public static IReadOnlyList<string> Validate(CustomerEvent e)
    {
        var errors = new List<string>();
        if (!Ids.IsValid(e.Id)) errors.Add(Ids.Describe("id"));
        if (!Ids.IsValid(e.CustomerId)) errors.Add(Ids.Describe("customerId"));
        if (!EventTypes.IsValid(e.Type))
            errors.Add($"'type' must be one of {string.Join(", ", EventTypes.Known)} or a custom type starting with 'x.'");
        if (e.StaffId is not null && !Ids.IsValid(e.StaffId)) errors.Add(Ids.Describe("staffId"));
        if (e.Channel is { Length: 0 or > MaxChannelLength }) errors.Add($"'channel' must be 1-{MaxChannelLength} characters");
        if (e.Text is { Length: > MaxTextLength }) errors.Add($"'text' must be at most {MaxTextLength} characters");
        if (e.Data is { Count: > MaxDataEntries }) errors.Add($"'data' may hold at most {MaxDataEntries} fields");
        if (e.Data is not null && e.Data.Any(kv => kv.Key.Length is 0 or > 64 || kv.Value.Length > MaxDataValueLength))
            errors.Add($"'data' keys must be 1-64 characters and values at most {MaxDataValueLength}");
        if (e.Type == EventTypes.OrderPaid || e.Type == EventTypes.OrderRefunded)
            ValidateOrder(e, errors);
        return errors;
    }

    private static void ValidateOrder(CustomerEvent e, List<string> errors)
    {
        if (!Ids.IsValid(e.DataValue("orderId"))) errors.Add($"{e.Type} needs data.orderId: " + Ids.Describe("orderId"));
        var amount = e.DataValue("amount");
        if (e.Type == EventTypes.OrderPaid && (amount is null || !TryParseAmount(amount, out var a) || a < 0))
            errors.Add("order.paid needs data.amount, a non-negative number");
        if (e.Type == EventTypes.OrderRefunded && amount is not null && (!TryParseAmount(amount, out var r) || r < 0))
            errors.Add("order.refunded data.amount, when given, must be a non-negative number");
        var currency = e.DataValue("currency");
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
            errors.Add("data.currency must be a 3-letter upper-case ISO 4217 code");
    }

    public static bool TryParseAmount(string text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out amount);
}
