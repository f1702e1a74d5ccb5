using System.Collections;
using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace PrivateDomainGrains.FunctionalTests.OpenApi;

/// <summary>
/// What an integrator's build makes of the OpenAPI document: NSwag's C# client (System.Text.Json, one class with a
/// method per operationId) compiled by Roslyn, loaded here. Used through <c>dynamic</c>, as the types exist only now.
/// </summary>
public sealed class GeneratedClient
{
    public const string Namespace = "Generated";
    public const string ClientClass = "PlatformApi";

    private readonly Assembly _assembly;

    private GeneratedClient(Assembly assembly) => _assembly = assembly;

    public static async Task<GeneratedClient> CompileAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(openApiJson);
        var code = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = ClientClass,
            UseBaseUrl = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings = { Namespace = Namespace, JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        }).GenerateFile();

        // The framework's own assemblies, as a plain class library compiles against.
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(framework, StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(Namespace, [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (!emitted.Success) throw new InvalidOperationException("The generated client does not compile:\n" + string.Join("\n", errors));
        return new GeneratedClient(Assembly.Load(image.ToArray()));
    }

    /// <summary>The client on <paramref name="baseAddress"/>, sending <paramref name="bearer"/> (a key or token) with every request.</summary>
    public dynamic Client(HttpClient http, string? bearer)
    {
        if (bearer is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return Activator.CreateInstance(Type(ClientClass), http)!;
    }

    /// <summary>A new instance of a generated model (a schema of the document).</summary>
    public dynamic New(string schema) => Activator.CreateInstance(Type(schema))!;

    /// <summary>A list of generated models, for a property typed as a collection of them.</summary>
    public object List(string schema, params object[] items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(Type(schema)))!;
        foreach (var item in items) list.Add(item);
        return list;
    }

    public Type Type(string name) => _assembly.GetType($"{Namespace}.{name}", throwOnError: true)!;
}
