using System.Runtime.CompilerServices;
using System.Text;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Text;

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

    private Template(string source, Segment[] segments) => (Source, SourceHash, _segments) = (source, source.GetHashCode(), segments);

    public static readonly Template Empty = new("", []);

    /// <summary>The text it was parsed from: templates with the same source render the same.</summary>
    public string Source { get; }

    /// <summary>The hash of <see cref="Source"/>, worked out once: decisions look texts up by it for every nudge.</summary>
    internal int SourceHash { get; }

    /// <summary>Whether it renders the same text for everyone: no placeholders.</summary>
    public bool IsConstant => _segments.Length == 0 || _segments.Length == 1 && _segments[0].Literal is not null;

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
                errors.Add(PlaybookPhrases.UnmatchedBrace.Say(i));
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
                errors.Add(PlaybookPhrases.UnclosedBrace.Say(i));
                break;
            }
            var name = text[(i + 1)..end];
            if (IsKnown(name))
            {
                if (literal.Length > 0) segments.Add(new Segment(literal.ToString(), null));
                literal.Clear();
                segments.Add(new Segment(null, name));
            }
            else errors.Add(PlaybookPhrases.UnknownPlaceholder.Say(name));
            i = end;
        }
        if (literal.Length > 0) segments.Add(new Segment(literal.ToString(), null));
        return new Template(text, [.. segments]);
    }

    private static bool IsKnown(string name) =>
        Simple.Contains(name)
        || name.StartsWith("data.", StringComparison.Ordinal) && name.Length > 5
        || name.StartsWith("field.", StringComparison.Ordinal) && name.Length > 6;

    /// <summary>
    /// The most characters a rendered text has: what the validators allow a template (<see cref="PlaybookValidator.MaxTextLength"/>,
    /// the same for campaign scripts), so placeholders (a quoted message, an event's data, a field) cannot make a stored
    /// or pushed title, script or reason longer than its template could be.
    /// </summary>
    public const int MaxRenderedLength = PlaybookValidator.MaxTextLength;

    /// <summary>
    /// The text for this customer and event: at most <see cref="MaxRenderedLength"/> characters as a person counts them, a
    /// longer one cut between characters with "…" as its last (<see cref="TextElements.Shorten"/>).
    /// </summary>
    public string Render(CustomerProfile customer, CustomerEvent? e)
    {
        if (_segments.Length == 1 && _segments[0].Literal is { } only) return only;
        // Every planned nudge renders several templates: build on the stack, so the text itself is the only allocation.
        var text = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[256]);
        foreach (var s in _segments)
        {
            if (s.Literal is not null) text.AppendLiteral(s.Literal);
            else Append(ref text, s.Placeholder!, customer, e);
        }
        var rendered = text.ToStringAndClear();
        return TextElements.Shorten(rendered, MaxRenderedLength);
    }

    private static void Append(ref DefaultInterpolatedStringHandler text, string placeholder, CustomerProfile c, CustomerEvent? e)
    {
        switch (placeholder)
        {
            case "lastMessage":
                AppendQuote(ref text, LastMessage(c, e));
                break;
            case "via":
                if (ChannelOf(c, e) is { } channel)
                {
                    text.AppendLiteral(" via ");
                    text.AppendLiteral(channel);
                }
                break;
            default:
                text.AppendFormatted(Resolve(placeholder, c, e));
                break;
        }
    }

    private static string Resolve(string placeholder, CustomerProfile c, CustomerEvent? e) => placeholder switch
    {
        "name" => c.DisplayName ?? c.CustomerId,
        "tier" => c.Tier.Name(),
        "channel" => ChannelOf(c, e) ?? "",
        "orders" => c.Counters.Orders.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "spend" => c.Counters.Spend.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        "eventType" => e?.Type ?? "",
        "eventAt" => e is null ? "" : $"{e.At:u}",
        _ when placeholder.StartsWith("data.", StringComparison.Ordinal) => e?.DataValue(placeholder[5..]) ?? "",
        _ => c.Engine.Field(placeholder[6..]) ?? "",
    };

    /// <summary>With a triggering event, its channel is the one being talked about, even when absent.</summary>
    private static string? ChannelOf(CustomerProfile c, CustomerEvent? e) => e is not null ? e.Channel : LatestChannel(c);

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

    /// <summary>Quoted trimmed and shortened, straight from the message: no trimmed or shortened copy of it is made.</summary>
    private static void AppendQuote(ref DefaultInterpolatedStringHandler text, string? message)
    {
        var t = message.AsSpan().Trim();
        if (t.IsEmpty) text.AppendLiteral("(no text)");
        else if (t.Length <= QuoteLength) text.AppendFormatted(t);
        else
        {
            // Cut between characters, never inside a surrogate pair or between a letter and its combining marks.
            text.AppendFormatted(t[..StorableText.FittingPrefix(t, QuoteLength)]);
            text.AppendLiteral("…");
        }
    }

    private readonly record struct Segment(string? Literal, string? Placeholder);
}
