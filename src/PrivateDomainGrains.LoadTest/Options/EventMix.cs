using System.Globalization;

namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>Relative weights of the event types a run sends, e.g. <c>message.received=30,order.paid=5</c>.</summary>
public sealed class EventMix
{
    public static readonly IReadOnlyList<string> EventTypes =
    [
        "friend.added", "friend.deleted", "message.received", "message.sent", "moment.liked", "moment.commented",
        "order.paid", "order.refunded", "page.viewed", "group.joined", "group.left",
    ];

    /// <summary>Mostly conversation, some browsing and orders, rare friend changes: roughly a live tenant's day.</summary>
    public static EventMix Default { get; } = new(new Dictionary<string, int>
    {
        ["message.received"] = 30, ["message.sent"] = 20, ["page.viewed"] = 15, ["moment.liked"] = 10,
        ["moment.commented"] = 5, ["order.paid"] = 8, ["order.refunded"] = 1, ["group.joined"] = 4,
        ["group.left"] = 4, ["friend.added"] = 2, ["friend.deleted"] = 1,
    });

    public static EventMix PageViewsOnly { get; } = new(new Dictionary<string, int> { ["page.viewed"] = 1 });

    private readonly (string Type, int CumulativeWeight)[] _table;

    public EventMix(IReadOnlyDictionary<string, int> weights)
    {
        Weights = EventTypes.Where(t => weights.GetValueOrDefault(t) > 0).ToDictionary(t => t, t => weights[t]);
        if (Weights.Count == 0) throw new ArgumentException("an event mix needs at least one positive weight");
        var sum = 0;
        _table = Weights.Select(kv => (kv.Key, sum += kv.Value)).ToArray();
        TotalWeight = sum;
    }

    public IReadOnlyDictionary<string, int> Weights { get; }

    public int TotalWeight { get; }

    /// <summary>Maps a uniform draw in [0, TotalWeight) to an event type.</summary>
    public string Pick(int draw)
    {
        foreach (var (type, cumulative) in _table)
        {
            if (draw < cumulative) return type;
        }
        throw new ArgumentOutOfRangeException(nameof(draw), draw, $"must be below {TotalWeight}");
    }

    public static EventMix Parse(string text)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
                throw new OptionsException($"--mix: '{part}' is not type=weight (e.g. message.received=30)");
            var type = part[..eq].Trim();
            if (!EventTypes.Contains(type))
                throw new OptionsException($"--mix: unknown event type '{type}'; known: {string.Join(", ", EventTypes)}");
            if (!int.TryParse(part[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
                throw new OptionsException($"--mix: weight of '{type}' must be a whole number >= 0");
            if (!weights.TryAdd(type, weight))
                throw new OptionsException($"--mix: '{type}' is given twice");
        }
        if (weights.Values.All(w => w == 0))
            throw new OptionsException("--mix: at least one event type needs a weight above 0");
        return new EventMix(weights);
    }

    public override string ToString() => string.Join(",", Weights.Select(kv => $"{kv.Key}={kv.Value}"));
}
