using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// A list inside a message is joined in the message's language (<c>WordedList</c>: <c>a、b 或 c</c> in Chinese), so no
/// <c>string.Join</c> may build a value of a phrase (<c>X.Say(...)</c>, <c>X.In(culture, ...)</c>) or a message sent to
/// people: it would join with English commas and "or" inside a Chinese sentence.
/// </summary>
public sealed partial class WordedMessagesTests
{
    /// <summary>The one place lists are joined for messages.</summary>
    private const string Helper = "Core/Text/WordedList.cs";

    [Fact]
    public void No_list_is_joined_into_a_message_before_its_language_is_known()
    {
        var found = Sources().Where(f => f.Name != Helper).SelectMany(f => JoinedIntoMessages(f.Root).Select(j => At(f.Name, j))).ToList();

        Assert.True(found.Count == 0, "string.Join where a WordedList belongs:\n" + string.Join('\n', found));
    }

    [Fact]
    public void The_reader_finds_lists_joined_into_phrases_and_messages_and_lets_worded_lists_and_other_joins_be()
    {
        const string Source = """
            class C
            {
                object A() => Problems.BadRequest("role", ApiPhrases.FieldOneOf.Say("role", string.Join(", ", StaffRoles.All)));
                string B(CultureInfo c) => MergePhrases.TagsChanged.In(c, string.Join(", ", tags));
                string? D() => errors.Count > 0 ? $"'{field}' {string.Join("; ", errors)}" : null;
                object E() => Problems.BadRequest("role", ApiPhrases.FieldOneOf.Say("role", WordedList.Each(StaffRoles.All)));
                void F() => logger.LogInformation("Tags {Tags}", string.Join(", ", tags));
                string G() => ApiPhrases.NothingAdded.Say(WordedList.Clauses(held));
                string H(TriggerSpec t) => string.Join('\u001f', t.Kind, t.Event);
            }
            """;

        var joined = JoinedIntoMessages(CSharpSyntaxTree.ParseText(Source).GetRoot()).Select(j => j.ToString()).ToList();

        Assert.Equal(["string.Join(\", \", StaffRoles.All)", "string.Join(\", \", tags)", "string.Join(\"; \", errors)"], joined);
    }

    /// <summary>
    /// The <c>string.Join</c>s inside a phrase's values or inside a message (<see cref="Messages"/>), not the whole of it: a
    /// helper returning a joined key is no sentence.
    /// </summary>
    private static IEnumerable<InvocationExpressionSyntax> JoinedIntoMessages(SyntaxNode root)
    {
        var messages = Messages(root).Select(m => m.Span).ToList();
        return root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(j => j.Expression.ToString() is "string.Join" or "String.Join")
            .Where(j => j.Ancestors().OfType<InvocationExpressionSyntax>().Any(a => CalledName(a) is "Say" or "In") || messages.Any(m => m.Contains(j.Span) && m != j.Span));
    }
}
