using System.Text;
using System.Text.Json;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

public static class PlaybookApi
{
    public sealed record PlaybookResponse(int Version, DateTimeOffset? UpdatedAt, JsonElement Playbook);
    public sealed record PlaybookStored(int Version);

    public static RouteGroupBuilder MapPlaybookApi(this RouteGroupBuilder api)
    {
        var playbook = api.MapGroup("/tenants/{tenant}/playbook");
        playbook.MapGet("", GetAsync).RequireTenantKey(TenantRole.Integration)
            .WithSummary("The tenant's current playbook and its version; version 0 is the built-in default.")
            .Produces<PlaybookResponse>();
        playbook.MapPut("", PutAsync).RequireTenantKey(TenantRole.Admin)
            .WithSummary("Replace the playbook (admin key). The server sets version and tenantId; every silo uses it within seconds.")
            .Accepts<JsonElement>("application/json")
            .Produces<PlaybookStored>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(string tenant, IGrainFactory grains)
    {
        var document = await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetAsync();
        using var playbook = JsonDocument.Parse(document.Json);
        return TypedResults.Ok(new PlaybookResponse(document.Version, document.UpdatedAt, playbook.RootElement.Clone()));
    }

    private static async Task<IResult> PutAsync(string tenant, HttpRequest request, IGrainFactory grains)
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
