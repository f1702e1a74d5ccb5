using System.Globalization;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Events;

/// <summary>
/// Checks one event against the v1 contract and returns every problem with the field it concerns, so callers can
/// report them all at once. The bounds keep every accepted event storable and every date computed from it within the
/// calendar: strings PostgreSQL can store (<see cref="StorableText"/>) and lengths as a person counts them
/// (<see cref="TextElements"/>: 👍 is one), times from <see cref="Earliest"/> to
/// <see cref="DefaultMaxFutureSkew"/> ahead of now, amounts up to <see cref="MaxAmount"/>; data keys under
/// <see cref="EventIdentities.DataPrefix"/> are the platform's own. Every way an event comes in (the events API, WeCom
/// callbacks, a playbook dry run) is checked with it; what needs the tenant (its staff) is checked by the host next.
/// </summary>
public static class EventValidator
{
    public const int MaxTextLength = 4000;
    public const int MaxChannelLength = 64;
    public const int MaxDataEntries = 32;
    public const int MaxDataKeyLength = 64;
    public const int MaxDataValueLength = 1000;
    /// <summary>The largest order amount, in the currency's major unit; 4 decimal places at most.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;
    public const int MaxAmountDecimals = 4;

    /// <summary>An event from further ahead than this is a clock error: it would move the customer's timers into the future.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Events before this are not history, they are a wrong date.</summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="now">The server's clock: <see cref="CustomerEvent.At"/> may be at most <paramref name="maxFutureSkew"/> after it.</param>
    public static IReadOnlyList<FieldError> Validate(CustomerEvent e, DateTimeOffset now, TimeSpan? maxFutureSkew = null)
    {
        var errors = new List<FieldError>();
        if (!Ids.IsValid(e.Id)) errors.Add(new("id", Ids.Rule));
        if (!Ids.IsValid(e.CustomerId)) errors.Add(new("customerId", Ids.Rule));
        if (!EventTypes.IsValid(e.Type))
            errors.Add(new("type", EventPhrases.UnknownType.Say(WordedList.Each(EventTypes.Known))));
        if (e.StaffId is not null && !Ids.IsValid(e.StaffId)) errors.Add(new("staffId", Ids.Rule));
        var skew = maxFutureSkew ?? DefaultMaxFutureSkew;
        if (e.At > now + skew) errors.Add(new("at", EventPhrases.Ahead.Say(skew.TotalMinutes, now)));
        else if (e.At < Earliest) errors.Add(new("at", EventPhrases.TooEarly.Say(Earliest)));
        Text("channel", e.Channel, MaxChannelLength, errors);
        if (e.Channel is "") errors.Add(new("channel", EventPhrases.EmptyChannel.Say()));
        else if (e.Channel is { } channel && StorableText.Problem(channel) is null && PlainText.Problem(channel) is { } notPlain)
            errors.Add(new("channel", EventPhrases.ChannelName.Say(notPlain)));
        Text("text", e.Text, MaxTextLength, errors);
        if (e.Data is not null) ValidateData(e.Data, errors);
        if (e.Type == EventTypes.OrderPaid || e.Type == EventTypes.OrderRefunded)
            ValidateOrder(e, errors);
        return errors;
    }

    private static void ValidateData(IReadOnlyDictionary<string, string> data, List<FieldError> errors)
    {
        if (data.Count > MaxDataEntries) errors.Add(new("data", CommonPhrases.AtMostFields.Say(MaxDataEntries)));
        foreach (var (key, value) in data)
        {
            if (key.Length == 0 || !TextElements.Fit(key, MaxDataKeyLength) || StorableText.Problem(key) is not null)
                errors.Add(new("data", EventPhrases.DataKeys.Say(MaxDataKeyLength)));
            else if (key.StartsWith(EventIdentities.DataPrefix, StringComparison.Ordinal))
                errors.Add(new("data." + key, EventPhrases.Reserved.Say()));
            else Text("data." + key, value, MaxDataValueLength, errors);
        }
    }

    private static void Text(string field, string? value, int maxLength, List<FieldError> errors)
    {
        if (value is null) return;
        if (!TextElements.Fit(value, maxLength)) errors.Add(new(field, CommonPhrases.AtMostCharacters.Say(maxLength)));
        if (StorableText.Problem(value) is { } problem) errors.Add(new(field, problem));
    }

    private static void ValidateOrder(CustomerEvent e, List<FieldError> errors)
    {
        if (!Ids.IsValid(e.DataValue("orderId"))) errors.Add(new("data.orderId", EventPhrases.OrderId.Say(e.Type)));
        var amount = e.DataValue("amount");
        if (e.Type == EventTypes.OrderPaid && amount is null) errors.Add(new("data.amount", EventPhrases.NeedsAmount.Say()));
        else if (amount is not null && AmountProblem(amount) is { } problem) errors.Add(new("data.amount", problem));
        var currency = e.DataValue("currency");
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
            errors.Add(new("data.currency", CommonPhrases.Currency.Say()));
    }

    private static string? AmountProblem(string text) =>
        !TryParseAmount(text, out var amount) ? EventPhrases.Number.Say()
        : amount < 0 ? EventPhrases.Negative.Say()
        : amount > MaxAmount ? EventPhrases.AmountMax.Say(MaxAmount)
        : amount.Scale > MaxAmountDecimals ? EventPhrases.Decimals.Say(MaxAmountDecimals)
        : null;

    public static bool TryParseAmount(string text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out amount);
}

/// <summary>One problem with one field of a request: <see cref="Field"/> is its name or path (e.g. <c>data.amount</c>).</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"'{Field}' {Message}";
}
