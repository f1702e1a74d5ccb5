using System.Globalization;

namespace PrivateDomainGrains.LoadTest.Noisy;

/// <summary>
/// The malformed events of issue 9 that the noisy tenant posts, one per request, each of which the platform should refuse
/// per event (a 4xx naming the field, nothing stored): a NUL character in <c>channel</c>, a lone UTF-16 surrogate in
/// <c>text</c>, an <c>at</c> in the year 9999, and an <c>order.paid</c> whose amount is decimal.MaxValue. The bodies are
/// written by hand, since a JSON serializer would not write some of them.
/// </summary>
public static class BadEvents
{
    public static readonly IReadOnlyList<string> Kinds = ["NUL in channel", "lone surrogate in text", "at in year 9999", "amount 79228162514264337593543950335"];

    /// <summary>The request body carrying bad event number <paramref name="n"/>; its kind is <see cref="Kinds"/>[n mod 4].</summary>
    public static string Body(long n, DateTimeOffset now)
    {
        var id = $"bad-{n}";
        var customer = $"c-bad-{n % 50}";
        var at = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var e = (n % Kinds.Count) switch
        {
            0 => $$"""{"id":"{{id}}","customerId":"{{customer}}","type":"message.received","at":"{{at}}","channel":"x\u0000","text":"hello"}""",
            1 => $$"""{"id":"{{id}}","customerId":"{{customer}}","type":"message.received","at":"{{at}}","channel":"wecom","text":"a\ud800b"}""",
            2 => $$"""{"id":"{{id}}","customerId":"{{customer}}","type":"message.received","at":"9999-12-31T23:59:00Z","channel":"wecom","text":"from the future"}""",
            _ => $$$"""{"id":"{{{id}}}","customerId":"{{{customer}}}","type":"order.paid","at":"{{{at}}}","channel":"wecom","data":{"orderId":"o-{{{id}}}","amount":79228162514264337593543950335,"currency":"CNY"}}""",
        };
        return $$"""{"events":[{{e}}]}""";
    }

    public static string KindOf(long n) => Kinds[(int)(n % Kinds.Count)];
}
