using System.Text.Json;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Reads <c>{"mode":"live"|"backfill","events":[...]}</c> leniently enough to report every bad event by index and
/// field, while one bad event never spoils the rest of the batch. Strings that are not valid Unicode (invalid UTF-8
/// bytes, an escaped unpaired surrogate such as <c>"\ud800"</c>) are a problem of that event's field, like any other.
/// An event's own <c>mode</c> overrides the request's.
/// </summary>
public static class EventBatchParser
{
    public const int MaxEventsPerRequest = 1_000;

    /// <summary>The request's <c>mode</c> values.</summary>
    public const string Live = "live", Backfill = "backfill";

    public sealed record Parsed(IReadOnlyList<(int Index, CustomerEvent Event)> Valid, IReadOnlyList<EventError> Errors, int Total)
    {
        /// <summary>Indexes of the events sent as backfill (history: they build the customer but raise no nudge).</summary>
        public IReadOnlySet<int> Backfilled { get; init; } = new HashSet<int>();

        /// <summary>
        /// The <c>identities</c> objects of the events that carried one, by index, as sent (kind to value); an event
        /// among them without a <c>customerId</c> has an empty one until <see cref="IdentityResolver"/> resolves it.
        /// </summary>
        public IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> Identities { get; init; } = new Dictionary<int, IReadOnlyDictionary<string, string>>();
    }

    /// <summary>Parses the document; returns null and what is wrong (<c>events</c>, <c>mode</c>) when the batch as a whole is unusable.</summary>
    /// <param name="now">The server's clock, against which event times are checked.</param>
    public static (Parsed? Batch, FieldError? Problem) Parse(JsonDocument document, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return (null, new(Apis.JsonBody.Whole, EventPhrases.JsonObjectWithEvents.Say()));
        var modeProblems = new List<FieldError>();
        var requestBackfill = Mode(root, modeProblems) ?? false;
        if (modeProblems.Count > 0) return (null, modeProblems[0]);
        if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            return (null, new("events", EventPhrases.NoEventsArray.Say()));
        var total = events.GetArrayLength();
        if (total == 0) return (null, new("events", EventPhrases.NoEvents.Say()));
        if (total > MaxEventsPerRequest) return (null, new("events", EventPhrases.TooManyEvents.Say(total, MaxEventsPerRequest)));

        var valid = new List<(int, CustomerEvent)>(total);
        var backfilled = new HashSet<int>();
        var errors = new List<EventError>();
        var identities = new Dictionary<int, IReadOnlyDictionary<string, string>>();
        var index = 0;
        // One list for every event's problems: nearly all events have none, and an event with some takes a copy.
        var problems = new List<FieldError>();
        foreach (var element in events.EnumerateArray())
        {
            problems.Clear();
            var named = element.ValueKind == JsonValueKind.Object ? IdentityFields.Read(element, problems) : null;
            var e = Read(element, now, problems, customerIdRequired: named is null);
            var backfill = element.ValueKind == JsonValueKind.Object ? Mode(element, problems) ?? requestBackfill : requestBackfill;
            // An event named by its identities alone has its customer id once resolved: validate the rest meanwhile.
            if (e is not null && problems.Count == 0)
                problems.AddRange(EventValidator.Validate(e.CustomerId.Length == 0 ? e with { CustomerId = "unresolved" } : e, now, maxFutureSkew));
            if (problems.Count == 0)
            {
                valid.Add((index, e!));
                if (backfill) backfilled.Add(index);
                if (named is not null) identities[index] = named;
            }
            else errors.Add(EventError.Invalid(index, e?.Id ?? TryString(element, "id"), [.. problems]));
            index++;
        }
        return (new Parsed(valid, errors, total) { Backfilled = backfilled, Identities = identities }, null);
    }

    /// <summary>True for <c>"mode":"backfill"</c>, false for <c>"live"</c>, null when absent; anything else is a problem.</summary>
    private static bool? Mode(JsonElement element, List<FieldError> problems)
    {
        if (String(element, "mode", problems, required: false) is not { } mode) return null;
        if (mode is Backfill or Live) return mode == Backfill;
        problems.Add(new("mode", CommonPhrases.EitherOf.Say(Live, Backfill)));
        return null;
    }

    private static CustomerEvent? Read(JsonElement element, DateTimeOffset now, List<FieldError> problems, bool customerIdRequired)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("event", EventPhrases.JsonObject.Say()));
            return null;
        }
        var id = String(element, "id", problems);
        var customerId = String(element, "customerId", problems, customerIdRequired);
        var type = KnownType(element) ?? String(element, "type", problems);
        var at = Timestamp(element, now, problems);
        var channel = String(element, "channel", problems, required: false);
        var staffId = String(element, "staffId", problems, required: false);
        var text = String(element, "text", problems, required: false);
        var data = Data(element, problems);
        return new CustomerEvent(id ?? "", customerId ?? "", type ?? "", at, channel, staffId, text, data)
        {
            AtOnArrival = !element.TryGetProperty("at", out var given) || given.ValueKind == JsonValueKind.Null,
        };
    }

    /// <summary>
    /// The shared constant of a v1 event type (<see cref="EventTypes.Known"/>), compared on the UTF-8 bytes: every event
    /// names one, and a fresh string per event would be garbage the moment the grain shares its type. Null for anything
    /// else (a custom or invalid type, not a string), which <see cref="String"/> then reads or reports.
    /// </summary>
    private static string? KnownType(JsonElement element)
    {
        if (!element.TryGetProperty("type", out var value) || value.ValueKind != JsonValueKind.String) return null;
        foreach (var known in EventTypes.Known)
            if (value.ValueEquals(known)) return known;
        return null;
    }

    private static string? String(JsonElement element, string name, List<FieldError> problems, bool required = true)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) problems.Add(new(name, CommonPhrases.Required.Say()));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(name, EventPhrases.NotAString.Say()));
            return null;
        }
        return Text(value, name, problems);
    }

    /// <summary>The string, or null and a problem when its bytes or escapes are not valid Unicode.</summary>
    private static string? Text(JsonElement value, string field, List<FieldError> problems)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            problems.Add(new(field, CommonPhrases.JsonNotUnicode.Say()));
            return null;
        }
    }

    private static DateTimeOffset Timestamp(JsonElement element, DateTimeOffset now, List<FieldError> problems)
    {
        if (!element.TryGetProperty("at", out var value) || value.ValueKind == JsonValueKind.Null) return now;
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new("at", CommonPhrases.TimestampString.Say(Iso8601Timestamps.Example)));
            return now;
        }
        if (Text(value, "at", problems) is not { } text) return now;
        if (Iso8601Timestamps.Problem(text, out var at) is { } problem)
        {
            problems.Add(new("at", problem));
            return now;
        }
        return at;
    }

    /// <summary>Data values keep their JSON text for numbers and nested values, so an amount of 199.00 stays exact.</summary>
    private static IReadOnlyDictionary<string, string>? Data(JsonElement element, List<FieldError> problems)
    {
        if (!element.TryGetProperty("data", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("data", EventPhrases.JsonObject.Say()));
            return null;
        }
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                problems.Add(new("data", EventPhrases.KeyNotUnicode.Say()));
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            var text = property.Value.ValueKind == JsonValueKind.String ? Text(property.Value, "data." + name, problems) : property.Value.GetRawText();
            if (text is not null) data[name] = text;
        }
        return data;
    }

    private static string? TryString(JsonElement element, string name)
    {
        try
        {
            return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
