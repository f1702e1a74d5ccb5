using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PrivateDomainGrains.Client.Http;

/// <summary>
/// How every call goes out and comes back: the route's key as <c>Authorization: Bearer</c>, JSON both ways, a
/// <see cref="PlatformApiException"/> for any error status, and a mark on requests that are safe to send again.
/// </summary>
internal sealed class PlatformHttp(HttpClient http, PrivateDomainGrainsClientOptions options)
{
    public HttpClient Client => http;
    public PrivateDomainGrainsClientOptions Options => options;

    public string IntegrationKey => options.ApiKey ?? options.AdminKey ??
        throw new InvalidOperationException("This call needs the tenant's integration key or admin key: set ApiKey or AdminKey");

    public string AdminKey => options.AdminKey ?? throw new InvalidOperationException("This call needs the tenant's admin key: set AdminKey");

    public string OperatorKey => options.OperatorKey ?? throw new InvalidOperationException("This call needs the platform operator key: set OperatorKey");

    public string ConsoleToken => options.ConsoleToken ?? throw new InvalidOperationException("This call needs a staff member's console token: set ConsoleToken");

    /// <summary><c>api/v1/tenants/{tenant}/{rest}</c> for the configured tenant, relative to the base address.</summary>
    public string TenantPath(string rest) =>
        $"api/v1/tenants/{Escape(options.Tenant ?? throw new InvalidOperationException("This call is for a tenant: set Tenant"))}/{rest}";

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    public static JsonContent Json<T>(T value, JsonTypeInfo<T> type) => JsonContent.Create(value, type);

    /// <summary>Sends and reads the answer as <paramref name="answer"/>; throws <see cref="PlatformApiException"/> for an error status.</summary>
    /// <param name="idempotent">Sending it twice has the effect of sending it once: the retry handler may resend it after a transient failure.</param>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, string? bearer, HttpContent? content, bool idempotent,
        JsonTypeInfo<T> answer, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, bearer, content, idempotent, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
        return await response.Content.ReadFromJsonAsync(answer, ct) ?? throw new JsonException($"{method} {path} answered an empty body");
    }

    /// <summary>As <see cref="SendAsync{T}"/>, but a 404 is null: the thing does not exist (yet).</summary>
    public async Task<T?> SendOrNullAsync<T>(HttpMethod method, string path, string? bearer, bool idempotent, JsonTypeInfo<T> answer, CancellationToken ct)
        where T : class
    {
        using var response = await SendRawAsync(method, path, bearer, null, idempotent, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
        return await response.Content.ReadFromJsonAsync(answer, ct) ?? throw new JsonException($"{method} {path} answered an empty body");
    }

    /// <summary>Sends a request whose success has no body (204); throws <see cref="PlatformApiException"/> for an error status.</summary>
    public async Task SendAsync(HttpMethod method, string path, string? bearer, bool idempotent, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, bearer, null, idempotent, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? bearer, HttpContent? content, bool idempotent, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Options.Set(PlatformRetry.Idempotent, idempotent);
        return http.SendAsync(request, ct);
    }

    private static async Task<PlatformApiException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ApiProblem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync(ClientJson.Default.ApiProblem, ct);
            }
            catch (JsonException)
            {
                // Not a problem document after all: the status says enough.
            }
        }
        var retry = response.Headers.RetryAfter;
        var retryAfter = retry?.Delta ?? (retry?.Date is { } at ? at - DateTimeOffset.UtcNow : null);
        var request = response.RequestMessage;
        var message = $"{request?.Method} {request?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} {problem?.Title ?? response.ReasonPhrase}" +
            (problem?.Detail is { } detail ? $": {detail}" : "");
        return new PlatformApiException(message, response.StatusCode, problem, retryAfter);
    }
}
