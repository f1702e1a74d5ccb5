using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Host.Apis.OpenApi;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>The tenant's playbook: the rules every customer's next-best-action is decided by.</summary>
public static class PlaybookApi
{
    /// <param name="Version">0 is the built-in default (welcome, reply, lost-friend alert) until the first PUT.</param>
    /// <param name="UpdatedAt">When it was stored; null for the default.</param>
    /// <param name="Playbook">The playbook as stored (camelCase, nulls left out), in the shape <c>PutPlaybook</c> takes.</param>
    public sealed record PlaybookResponse(int Version, DateTimeOffset? UpdatedAt, [property: SchemaOf(typeof(Playbook))] JsonElement Playbook);

    public sealed record PlaybookStored(int Version);

    public static RouteGroupBuilder MapPlaybookApi(this RouteGroupBuilder api)
    {
        var playbook = api.MapGroup("/tenants/{tenant}/playbook").WithTags("Playbook");
        playbook.MapGet("", GetAsync).WithName("GetPlaybook").RequireIntegrationKey()
            .WithSummary("The tenant's current playbook and its version; version 0 is the built-in default.");
        // Accepts (not WithJsonBody): this route has always answered 415 to a body that is not application/json.
        playbook.MapPut("", PutAsync).WithName("PutPlaybook").Audited().RequireAdminKey()
            .WithSummary("Replace the playbook. The server sets version and tenantId; every silo uses it within seconds.")
            .Accepts<Playbook>("application/json")
            .WithProblem(StatusCodes.Status400BadRequest, "The playbook is invalid: every error at once in `errors`, keyed by JSON path (`$.rules[0].trigger.event`); nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as application/json");
        return api;
    }

    private static async Task<Ok<PlaybookResponse>> GetAsync(string tenant, IGrainFactory grains)
    {
        var document = await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetAsync();
        using var playbook = JsonDocument.Parse(document.Json);
        return TypedResults.Ok(new PlaybookResponse(document.Version, document.UpdatedAt, playbook.RootElement.Clone()));
    }

    private static async Task<Results<Ok<PlaybookStored>, ProblemHttpResult, ValidationProblem>> PutAsync(string tenant, HttpRequest request, IGrainFactory grains)
    {
        if (request.ContentLength > ApiHostingExtensions.MaxRequestBodyBytes)
            return Problems.TooLarge($"The body is {request.ContentLength} bytes; at most {ApiHostingExtensions.MaxRequestBodyBytes}");
        string json;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge($"The body exceeds {ApiHostingExtensions.MaxRequestBodyBytes} bytes");
        }

        // The grain validates (malformed JSON included) so that the rules live in one place: the engine's validator.
        var result = await grains.GetGrain<ITenantPlaybookGrain>(tenant).PutAsync(json);
        if (result.Accepted) return TypedResults.Ok(new PlaybookStored(result.Version!.Value));
        var errors = result.Errors.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        return Problems.Invalid($"The playbook has {result.Errors.Length} error(s); nothing was stored", errors);
    }
}
