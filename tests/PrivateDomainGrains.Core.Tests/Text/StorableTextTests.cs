using System.Globalization;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Text;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Text;

public sealed class StorableTextTests
{
    /// <summary>Characters of one or more UTF-16 units each, some followed by marks that belong to them.</summary>
    private static readonly string[] Graphemes =
        ["a", "油", "皮", "é", "e\u0301", "👩🏽‍💻", "🇨🇳", "م", "ر", "ح", "\u05e9\u05c1", "क्षि", " ", "🙂"];

    private static string Mixed(int seed, int count)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, count).Select(_ => Graphemes[random.Next(Graphemes.Length)]));
    }

    [Theory]
    [InlineData("话话话话话话话话话话", 100, 4, 4)]
    [InlineData("abcdefghij", 100, 3, 3)]
    [InlineData("abcdefghij", 5, 3, 3)]
    [InlineData("abcdefghij", 2, 3, 2)]
    public void The_fitting_prefix_keeps_to_a_bound_on_elements_even_when_the_text_is_within_the_bound_on_units(string text, int maxLength, int maxElements, int expected) =>
        Assert.Equal(expected, StorableText.FittingPrefix(text, maxLength, maxElements));

    [Fact]
    public void The_fitting_prefix_ends_where_walking_text_elements_from_the_start_ends_at_every_length()
    {
        // ASCII and ideographs (cut without a walk) beside what joins them: marks, joiners, CR LF, Hangul jamo, a
        // prepended sign, regional indicators, an Indic conjunct.
        string[] pieces = ["a", "Z", "~", " ", "油", "皮", "\u0301", "\u200d", "\r", "\n", "\u1100", "\u1161", "\u0600", "🇨", "🇳", "क", "\u094d", "👩🏽‍💻"];
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var text = string.Concat(Enumerable.Range(0, 40).Select(_ => pieces[random.Next(pieces.Length)]));
            for (var max = 0; max <= text.Length + 1; max++)
            {
                var walked = 0;
                while (walked < text.Length && walked + StringInfo.GetNextTextElementLength(text.AsSpan(walked)) is var next && next <= max) walked = next;
                Assert.Equal(walked, StorableText.FittingPrefix(text, max));
            }
        }
    }

    [Fact]
    public void A_shortened_text_never_splits_a_character_at_any_length()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var text = Mixed(seed, 60);
            var elements = StringInfo.GetTextElementEnumerator(text);
            var boundaries = new HashSet<int> { 0 };
            while (elements.MoveNext()) boundaries.Add(elements.ElementIndex + ((string)elements.Current).Length);
            for (var max = 1; max <= text.Length + 1; max++)
            {
                var shortened = StorableText.Shorten(text, max);
                Assert.True(shortened.Length <= max, $"{shortened.Length} > {max}");
                Assert.Null(StorableText.Problem(shortened));
                var kept = shortened == text ? text : shortened[..^1]; // a cut text ends with "…"
                Assert.StartsWith(kept, text, StringComparison.Ordinal);
                Assert.Contains(kept.Length, boundaries);
            }
        }
    }

    [Fact]
    public void A_quoted_message_in_a_nudge_is_storable_whatever_the_message()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var message = Mixed(seed, 100 + seed);
            var reply = Send(CompiledPlaybook.Default, Customer(), Event(EventTypes.MessageReceived, T0, text: message)).Chosen!.Nudge;
            Assert.Null(StorableText.Problem(reply.Text));
            Assert.Null(StorableText.Problem(reply.Title));
        }
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("油皮 👩🏽‍💻 مرحبا")]
    public void Valid_text_has_no_problem(string text) => Assert.Null(StorableText.Problem(text));
}
