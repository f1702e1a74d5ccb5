using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrivateDomainGrains.FunctionalTests.Operations;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// A message for people is a <c>Phrase</c> (English and Chinese side by side), never words typed where it is sent: this
/// reads the source (Roslyn's syntax trees) and finds English words written straight into a ProblemDetails
/// (<c>Problems.BadRequest("...")</c>), a field's errors (<c>errors["url"] = ["..."]</c>), a check's error
/// (<c>v.Add(path, "...")</c>, <c>new PlaybookError(path, "...")</c>), an identity's or an upload's reason. Field
/// names in quotes ('endAt'), paths and values may be written as they are. The files listed in
/// <see cref="StayEnglish"/> speak English only, as they must (README, "Languages"); every other file, new ones included, is read.
/// </summary>
public sealed partial class WordedMessagesTests
{
    /// <summary>Files whose words are English only because of whom or what they name; a file leaves this list once its messages are phrases.</summary>
    private static readonly HashSet<string> StayEnglish =
    [
        // What the callback endpoint answers WeCom's servers: read by WeCom, not by people.
        "Host/Integrations/WeCom/WeComCallbackHandler.cs",
        // The kinds of non-public address a webhook URL may target (named in its 'url' refusal) and a delivery's refused connection.
        "Host/Webhooks/WebhookTargets.cs",
    ];

    /// <summary>Files whose words are for operators and the API reference, in English by design: options refused at start-up, OpenAPI descriptions.</summary>
    private static readonly HashSet<string> ForOperators =
        ["Host/Ingestion/IdentityOptions.cs", "Host/Apis/OpenApi/ProblemResponsesTransformer.cs", "Host/Apis/OpenApi/PlatformDocumentTransformer.cs"];

    /// <summary>Where messages are worded: the whole host, and the checks and jobs of the core and the grains that it answers with (a folder, or one file).</summary>
    private static readonly string[] Read =
    [
        "Host", "Core/Playbooks", "Core/Segments", "Core/Identity", "Core/Events", "Core/Text", "Core/Tags", "Grains/Identities", "Grains/Tenants",
        "Grains/Tags", "Grains/Customers/CustomerGrain.Merges.cs", "Grains/Customers/CustomerIngest.cs", "Persistence/CustomerMerges.cs",
    ];

    private static readonly HashSet<string> ProblemMethods =
        ["BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooLarge", "UnsupportedMediaType", "Unavailable", "TooManyRequests", "Invalid"];

    /// <summary>What a grain answers a refusal with, turned into a ProblemDetails by the host (<c>MergeOutcome.Conflict("...")</c>).</summary>
    private static readonly HashSet<string> Outcomes = ["TagCatalogOutcome", "MergeOutcome"];

    /// <summary>The framework's own ProblemDetails results (<c>TypedResults.Problem(detail, title: ...)</c>) and a ProblemDetails' own words (<c>Title = ..., Detail = ...</c>).</summary>
    private static readonly HashSet<string> FrameworkProblems = ["Problem", "ValidationProblem"];

    /// <summary>A ProblemDetails' words and a tag job row's reason (<c>row with { Error = ... }</c>).</summary>
    private static readonly HashSet<string> ProblemProperties = ["Title", "Detail", "Error"];

    /// <summary>Calls whose last argument is a message: a check's <c>Add(path, message)</c>, a reason's <c>Fail(message, out ...)</c>, an upload's <c>Refused(..., reason)</c>.</summary>
    private static readonly HashSet<string> MessageCalls = ["Add", "Fail", "Refused", "error"];

    private static readonly HashSet<string> MessageTypes = ["PlaybookError", "FieldError", "UploadException"];

    [Fact]
    public void No_message_for_people_is_written_as_English_words_where_it_is_sent()
    {
        var found = Sources().SelectMany(f => Messages(f.Root).Where(Worded).Select(m => At(f.Name, m))).ToList();

        Assert.True(found.Count == 0, "English words where a Phrase belongs:\n" + string.Join('\n', found));
    }

    /// <summary>The files read (<see cref="Read"/>), by their path under src without the project's prefix, parsed.</summary>
    private static IEnumerable<(string Name, SyntaxNode Root)> Sources()
    {
        var src = Path.Combine(DeployManifestTests.RepositoryRoot(), "src");
        foreach (var place in Read)
        {
            var path = Path.Combine(src, "PrivateDomainGrains." + place);
            foreach (var file in place.EndsWith(".cs") ? [path] : Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(src, file).Replace('\\', '/')["PrivateDomainGrains.".Length..];
                if (StayEnglish.Contains(name) || ForOperators.Contains(name) || name.Contains("/obj/") || name.Contains("/bin/")) continue;
                yield return (name, CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot());
            }
        }
    }

    private static string At(string name, SyntaxNode node) => $"{name}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {node}";

    [Fact]
    public void The_reader_finds_words_in_each_place_a_message_is_sent_and_lets_field_names_and_phrases_be()
    {
        const string Source = """
            class C
            {
                object A() => Problems.BadRequest("limit", "'limit' must be 1-200");
                object B() => Problems.NotFound($"No segment '{id}' in this tenant");
                void D() { errors["url"] = ["'url' is required"]; v.Add(path, "must not be null"); errors.Add(new("$", "must be an object")); }
                void E() => throw new UploadException($"'body' line {n} is not UTF-8 text");
                object F() => Problems.BadRequest(field, $"'{field}' {problem}");
                object G() => Problems.BadRequest("limit", ApiPhrases.Limit.Say(200));
                void H() { errors["$.customerId"] = [Ids.Rule]; v.Add(path + ".id", Ids.Describe("id")); Refused(line, null, "line", ApiPhrases.Columns.Say(2)); }
                object I() => MergeOutcome.Conflict($"customer '{id}' cannot be merged into itself");
                object J() => TagCatalogOutcome.Conflict("tag", TagPhrases.InCatalog.Say(tag));
                static readonly Phrase Columns = new("must have 3 columns, not {0}", "须有 3 列，而不是 {0} 列");
                static string? Reason(bool body) { if (body) return "the body is not JSON"; return ApiPhrases.Required.Say(); }
                string Expected(Type t) => t == typeof(string) ? "a JSON string" : t.Name;
            }
            """;

        var worded = Messages(CSharpSyntaxTree.ParseText(Source).GetRoot()).Where(Worded).Select(m => m.ToString()).ToList();

        Assert.Equal(["\"'limit' must be 1-200\"", "$\"No segment '{id}' in this tenant\"", "\"'url' is required\"", "\"must not be null\"",
            "\"must be an object\"", "$\"'body' line {n} is not UTF-8 text\"", "$\"customer '{id}' cannot be merged into itself\"", "\"the body is not JSON\"",
            "t == typeof(string) ? \"a JSON string\" : t.Name"], worded);
    }

    /// <summary>The expressions that are sent to people as a message.</summary>
    private static IEnumerable<ExpressionSyntax> Messages(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Problems" } } call } invocation
                    when ProblemMethods.Contains(call.Name.Identifier.Text):
                    // Every argument: a 400 names its field first and says its message second.
                    foreach (var argument in invocation.ArgumentList.Arguments) yield return argument.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: var outcome } } } invocation
                    when Outcomes.Contains(outcome):
                    foreach (var argument in invocation.ArgumentList.Arguments) yield return argument.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "TypedResults" or "Results" } } call } invocation
                    when FrameworkProblems.Contains(call.Name.Identifier.Text):
                    foreach (var argument in invocation.ArgumentList.Arguments) yield return argument.Expression;
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.Text: var property }, Parent: InitializerExpressionSyntax } assignment
                    when ProblemProperties.Contains(property):
                    yield return assignment.Right;
                    break;
                case MethodDeclarationSyntax { ReturnType: var type } method when IsText(type):
                    foreach (var returned in Returned(method.Body, method.ExpressionBody)) yield return returned;
                    break;
                case LocalFunctionStatementSyntax { ReturnType: var type } function when IsText(type):
                    foreach (var returned in Returned(function.Body, function.ExpressionBody)) yield return returned;
                    break;
                case InvocationExpressionSyntax invocation when MessageCalls.Contains(CalledName(invocation)) && invocation.ArgumentList.Arguments.Count > 1:
                    foreach (var argument in invocation.ArgumentList.Arguments) yield return argument.Expression;
                    break;
                case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax, Right: CollectionExpressionSyntax list }:
                    foreach (var element in list.Elements.OfType<ExpressionElementSyntax>()) yield return element.Expression;
                    break;
                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { } arguments && !DeclaresPhrase(creation)
                    && (creation is ImplicitObjectCreationExpressionSyntax || MessageTypes.Contains(((ObjectCreationExpressionSyntax)creation).Type.ToString())):
                    foreach (var argument in arguments.Arguments) yield return argument.Expression;
                    break;
            }
        }
    }

    /// <summary>A helper that returns text (<c>string? Reason(...)</c>): what it returns is read as a message, as it is sent as one.</summary>
    private static bool IsText(TypeSyntax type) => type.ToString() is "string" or "string?";

    private static IEnumerable<ExpressionSyntax> Returned(BlockSyntax? body, ArrowExpressionClauseSyntax? arrow) =>
        arrow is not null ? [arrow.Expression]
        : body is null ? []
        : body.DescendantNodes(n => n is not LocalFunctionStatementSyntax and not LambdaExpressionSyntax).OfType<ReturnStatementSyntax>()
            .Where(r => r.Expression is not null).Select(r => r.Expression!);

    /// <summary>A phrase's declaration (<c>Phrase X = new("English", "中文")</c>): the one place words are written.</summary>
    private static bool DeclaresPhrase(BaseObjectCreationExpressionSyntax creation) =>
        creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: var type } } } && type.ToString() == "Phrase";

    private static string CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax name => name.Identifier.Text,
        MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
        _ => "",
    };

    /// <summary>Whether the text written in <paramref name="e"/> holds two English words in a row, once quoted names and holes are left out.</summary>
    private static bool Worded(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => Prose(literal.Token.ValueText),
        InterpolatedStringExpressionSyntax interpolated => Prose(string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? t.TextToken.ValueText : "{}"))),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) => Worded(binary.Left) || Worded(binary.Right),
        ConditionalExpressionSyntax conditional => Worded(conditional.WhenTrue) || Worded(conditional.WhenFalse),
        SwitchExpressionSyntax choice => choice.Arms.Any(a => Worded(a.Expression)),
        ParenthesizedExpressionSyntax parenthesized => Worded(parenthesized.Expression),
        _ => false,
    };

    private static bool Prose(string text) => TwoWords().IsMatch(Quoted().Replace(text, ""));

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex("[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")]
    private static partial Regex TwoWords();
}
