using System.Text;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// Script text with placeholders, parsed once when the playbook is compiled. Placeholders: <c>{name}</c>,
/// <c>{lastMessage}</c> (quoted, shortened), <c>{tier}</c>, <c>{channel}</c>, <c>{via}</c> (" via wecom" or nothing),
/// <c>{orders}</c>, <c>{spend}</c>, <c>{eventType}</c>, <c>{eventAt}</c>, <c>{data.key}</c> (the triggering event's
/// data) and <c>{field.key}</c> (a custom profile field). Write <c>{{</c> and <c>}}</c> for literal braces.
/// </summary>
public sealed class Template
{
    public const int QuoteLength = 120;

    private static readonly string[] Simple =
        ["name", "lastMessage", "tier", "channel", "via", "orders", "spend", "eventType", "eventAt"];

    private readonly Segment[] _segments;

    private Template(Segment[] segments) => _segments = segments;

    public static readonly Template Empty = new([]);

    /// <summary>Parses <paramref name="text"/>, reporting every unknown placeholder and stray brace.</summary>
    public static Template Parse(string text, List<string> errors)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }
            if (c == '}')
            {
                errors.Add($"unmatched '}}' at {i}");
                continue;
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            var end = text.IndexOf('}', i + 1);
            if (end < 0)
            {
                errors.Add($"unclosed '{{' at {i}");
                break;
            }
            var name = text[(i + 1)..end];
            if (IsKnown(name))
            {
                if (literal.Length > 0) segments.Add(new Segment(literal.ToString(), null));
                literal.Clear();
                segments.Add(new Segment(null, name));
            }
            else errors.Add($"unknown placeholder {{{name}}}");
            i = end;
        }
        if (literal.Length > 0) segments.Add(new Segment(literal.ToString(), null));
        return new Template([.. segments]);
    }

    private static bool IsKnown(string name) =>
        Simple.Contains(name)
        || name.StartsWith("data.", StringComparison.Ordinal) && name.Length > 5
        || name.StartsWith("field.", StringComparison.Ordinal) && name.Length > 6;

    public string Render(CustomerProfile customer, CustomerEvent? e)
    {
        if (_segments.Length == 1 && _segments[0].Literal is { } only) return only;
        var sb = new StringBuilder();
        foreach (var s in _segments)
        {
            if (s.Literal is not null) sb.Append(s.Literal);
            else sb.Append(Resolve(s.Placeholder!, customer, e));
        }
        return sb.ToString();
    }

    private static string Resolve(string placeholder, CustomerProfile c, CustomerEvent? e)
    {
        // With a triggering event, its channel is the one being talked about, even when absent.
        var channel = e is not null ? e.Channel : LatestChannel(c);
        return placeholder switch
        {
            "name" => c.DisplayName ?? c.CustomerId,
            "lastMessage" => Quote(LastMessage(c, e)),
            "tier" => c.Tier.ToString(),
            "channel" => channel ?? "",
            "via" => channel is null ? "" : " via " + channel,
            "orders" => c.Counters.Orders.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "spend" => c.Counters.Spend.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
            "eventType" => e?.Type ?? "",
            "eventAt" => e is null ? "" : $"{e.At:u}",
            _ when placeholder.StartsWith("data.", StringComparison.Ordinal) => e?.DataValue(placeholder[5..]) ?? "",
            _ => c.Engine.Field(placeholder[6..]) ?? "",
        };
    }

    private static string? LatestChannel(CustomerProfile c)
    {
        for (var i = c.RecentInteractions.Count - 1; i >= 0; i--)
            if (c.RecentInteractions[i].Channel is { } ch) return ch;
        return null;
    }

    private static string? LastMessage(CustomerProfile c, CustomerEvent? e)
    {
        if (e?.Type == EventTypes.MessageReceived) return e.Text;
        for (var i = c.RecentInteractions.Count - 1; i >= 0; i--)
            if (c.RecentInteractions[i].Type == EventTypes.MessageReceived) return c.RecentInteractions[i].Text;
        return null;
    }

    private static string Quote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "(no text)";
        var t = text.Trim();
        return t.Length <= QuoteLength ? t : string.Concat(t.AsSpan(0, QuoteLength), "…");
    }

    private readonly record struct Segment(string? Literal, string? Placeholder);
}
