using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Segments;

/// <summary>
/// Reads and checks a <see cref="SegmentFilter"/>, returning every error with its JSON path (<c>$.rfm.recency.min</c>),
/// so a caller fixes them all in one round. A filter that validates always compiles to a query: every list, number and
/// text is bounded, tier and status names are put in their canonical case.
/// </summary>
public static class SegmentFilterValidator
{
    public const int MaxListItems = 100;
    public const int MaxFields = 20;
    public const int MaxFieldLength = 64;
    public const int MaxFieldValueLength = 256;
    public const int MaxDays = PlaybookValidator.MaxDays;
    public const decimal MaxAmount = PlaybookValidator.MaxCounterValue;

    /// <summary>
    /// The range of each whole number of a filter, by its path: said whether the value is out of range or no whole
    /// number at all (<c>1.5</c>), never the range of the .NET type that reads it (one class, <see cref="CountRange"/>,
    /// bounds RFM scores and open nudges alike, so no attribute on it can say either).
    /// </summary>
    private static readonly Dictionary<string, (int Least, int Most)> WholeRanges = new(StringComparer.Ordinal)
    {
        [".rfm.recency"] = (0, 5), [".rfm.frequency"] = (0, 5), [".rfm.monetary"] = (0, 5),
        [".openNudges"] = (0, PlaybookValidator.MaxOpenNudgesCap),
        [".lastInteraction.withinDays"] = (1, MaxDays), [".lastInteraction.notWithinDays"] = (1, MaxDays),
    };

    /// <summary>camelCase names, unknown members an error (a misspelt condition must not silently select everyone).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new Iso8601Timestamps.Converter() },
    };

    /// <summary>Parses <paramref name="filter"/> (a JSON object) and validates it; the filter is null when there are errors.</summary>
    public static (SegmentFilter? Filter, IReadOnlyList<PlaybookError> Errors) Read(JsonElement filter, string path = "$")
    {
        if (filter.ValueKind != JsonValueKind.Object) return (null, [new(path, CommonPhrases.NotAnObject.Say())]);
        SegmentFilter parsed;
        try
        {
            parsed = filter.Deserialize<SegmentFilter>(Json)!;
        }
        catch (JsonException ex)
        {
            return (null, [.. JsonValueErrors.Describe(ex, typeof(SegmentFilter), Json).Select(e => new PlaybookError(path + e.Path.TrimStart('$'), WholeProblem(e) ?? e.Problem))]);
        }
        var errors = Validate(parsed, path);
        return errors.Count == 0 ? (parsed, errors) : (null, errors);
    }

    /// <summary>What a value at one of <see cref="WholeRanges"/> must be (a count range's min or max, a number of days); null elsewhere.</summary>
    private static string? WholeProblem(JsonValueErrors.Error e)
    {
        var at = e.Path.TrimStart('$');
        // A count range's bound is ranged by the range it belongs to.
        var dot = at.LastIndexOf('.');
        if (!WholeRanges.TryGetValue(at, out var range) && !(dot > 0 && at[dot..] is ".min" or ".max" && WholeRanges.TryGetValue(at[..dot], out range)))
            return null;
        return CommonPhrases.JsonMustBe.Say(CommonPhrases.JsonWhole.Say(range.Least, range.Most));
    }

    /// <summary>Every error of <paramref name="f"/>; canonicalises tier and status names in place.</summary>
    public static List<PlaybookError> Validate(SegmentFilter f, string path = "$")
    {
        var errors = new List<PlaybookError>();
        void Add(string at, string message) => errors.Add(new(path + at, message));

        if (f.Tags is { } tags)
        {
            Tags(tags.Any, ".tags.any");
            Tags(tags.All, ".tags.all");
            Tags(tags.None, ".tags.none");
        }
        f.Tiers = Names<CustomerTier>(f.Tiers, ".tiers");
        f.Statuses = Names<CustomerStatus>(f.Statuses, ".statuses");
        if (List(f.Owners, ".owners"))
            for (var i = 0; i < f.Owners!.Length; i++)
                if (!Ids.IsValid(f.Owners[i])) Add($".owners[{i}]", Ids.Rule);
        if (List(f.Teams, ".teams"))
            for (var i = 0; i < f.Teams!.Length; i++)
                if (string.IsNullOrWhiteSpace(f.Teams[i]) || f.Teams[i].Length > PlaybookValidator.MaxNameLength || !StorableText.IsStorable(f.Teams[i]))
                    Add($".teams[{i}]", SegmentPhrases.TeamName.Say(PlaybookValidator.MaxNameLength));
        if (f.Rfm is { } rfm)
        {
            Range(rfm.Recency, ".rfm.recency");
            Range(rfm.Frequency, ".rfm.frequency");
            Range(rfm.Monetary, ".rfm.monetary");
        }
        if (List(f.LifetimeValue, ".lifetimeValue"))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < f.LifetimeValue!.Length; i++)
            {
                var m = f.LifetimeValue[i];
                var at = $".lifetimeValue[{i}]";
                if (m is null) { Add(at, CommonPhrases.NotAnObject.Say()); continue; }
                if (m.Currency is not { Length: 3 } c || !c.All(char.IsAsciiLetterUpper)) Add(at + ".currency", CommonPhrases.Currency.Say());
                else if (!seen.Add(c)) Add(at + ".currency", SegmentPhrases.CurrencyTwice.Say(c));
                if (m.Min is null && m.Max is null) Add(at, CommonPhrases.MinOrMax.Say());
                if (m.Min is { } min && Math.Abs(min) > MaxAmount) Add(at + ".min", SegmentPhrases.Within.Say(MaxAmount));
                if (m.Max is { } max && Math.Abs(max) > MaxAmount) Add(at + ".max", SegmentPhrases.Within.Say(MaxAmount));
                if (m.Min > m.Max) Add(at + ".max", CommonPhrases.MaxBelowMin.Say());
            }
        }
        if (f.LastInteraction is { } li)
        {
            if (li.Before is null && li.After is null && li.WithinDays is null && li.NotWithinDays is null)
                Add(".lastInteraction", SegmentPhrases.LastInteractionNeeds.Say());
            Days(li.WithinDays, ".lastInteraction.withinDays");
            Days(li.NotWithinDays, ".lastInteraction.notWithinDays");
            if (li.After >= li.Before) Add(".lastInteraction.before", SegmentPhrases.BeforeAfter.Say());
        }
        Range(f.OpenNudges, ".openNudges");
        if (f.Fields is { } fields)
        {
            if (fields.Count > MaxFields) Add(".fields", CommonPhrases.AtMostFields.Say(MaxFields));
            foreach (var (name, value) in fields)
            {
                if (name.Length is 0 or > MaxFieldLength || !StorableText.IsStorable(name)) Add(".fields", SegmentPhrases.FieldNames.Say(MaxFieldLength));
                else if (value is null || value.Length > MaxFieldValueLength || !StorableText.IsStorable(value))
                    Add($".fields.{name}", SegmentPhrases.FieldValue.Say(MaxFieldValueLength));
            }
        }
        return errors;

        bool List<T>(T[]? items, string at)
        {
            if (items is null) return false;
            if (items.Length is 0 or > MaxListItems) { Add(at, SegmentPhrases.ListItems.Say(MaxListItems)); return false; }
            return true;
        }

        void Tags(string[]? items, string at)
        {
            if (!List(items, at)) return;
            // Folded in place (ＶＩＰ is VIP), as customers hold their tags: the filter then matches them.
            for (var i = 0; i < items!.Length; i++)
                if (TagNames.Normalize(items[i]) is { } tag) items[i] = tag;
                else Add($"{at}[{i}]", CommonPhrases.TagRule.Say());
        }

        string[]? Names<TEnum>(string[]? items, string at) where TEnum : struct, Enum
        {
            if (!List(items, at)) return items;
            var names = new string[items!.Length];
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i] is { } name && !name.Any(char.IsDigit) && Enum.TryParse<TEnum>(name, ignoreCase: true, out var value) && Enum.IsDefined(value))
                    names[i] = value.ToString();
                else Add($"{at}[{i}]", CommonPhrases.OneOf.Say(WordedList.Each(Enum.GetNames<TEnum>())));
            }
            return names;
        }

        void Days(int? days, string at)
        {
            var (least, most) = WholeRanges[at];
            if (days < least || days > most) Add(at, CommonPhrases.Between.Say(least, most));
        }

        void Range(CountRange? range, string at)
        {
            if (range is null) return;
            var (least, most) = WholeRanges[at];
            if (range.Min is null && range.Max is null) Add(at, CommonPhrases.MinOrMax.Say());
            if (range.Min < least || range.Min > most) Add(at + ".min", CommonPhrases.Between.Say(least, most));
            if (range.Max < least || range.Max > most) Add(at + ".max", CommonPhrases.Between.Say(least, most));
            if (range.Min > range.Max) Add(at + ".max", CommonPhrases.MaxBelowMin.Say());
        }
    }
}
