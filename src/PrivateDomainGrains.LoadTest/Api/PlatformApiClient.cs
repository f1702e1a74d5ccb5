using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Api;

/// <summary>The v1 HTTP API of one node.</summary>
public sealed class PlatformApiClient : IDisposable
{
    private readonly HttpClient _http;

    public PlatformApiClient(Uri baseAddress, TimeSpan timeout)
    {
        BaseAddress = baseAddress;
        // One pool per node, wide enough that the client never becomes the queue it is trying to measure.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 4096,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
    }

    public Uri BaseAddress { get; }

    /// <summary>Returns null when the tenant already exists (409).</summary>
    public async Task<TenantCredentials?> CreateTenantAsync(string operatorKey, string tenant, string name, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "api/v1/tenants", operatorKey, new CreateTenantRequest(tenant, name), ApiJson.Default.CreateTenantRequest);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Conflict) return null;
        await EnsureAsync(response, HttpStatusCode.Created, "create tenant", ct);
        return await ReadAsync(response, ApiJson.Default.TenantCredentials, "create tenant", ct);
    }

    /// <summary>Returns false when the staff member already exists (409), which a re-run against the same tenant expects.</summary>
    public async Task<bool> CreateStaffAsync(string adminKey, string tenant, string staffId, string password, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/staff", adminKey,
            new CreateStaffRequest(staffId, $"Load test {staffId}", password), ApiJson.Default.CreateStaffRequest);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Conflict) return false;
        await EnsureAsync(response, HttpStatusCode.Created, $"create staff {staffId}", ct);
        return true;
    }

    public async Task<ConsoleToken> GetConsoleTokenAsync(string tenant, string staffId, string password, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "api/v1/auth/console-token", null,
            new ConsoleTokenRequest(tenant, staffId, password), ApiJson.Default.ConsoleTokenRequest);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.OK, $"console token for {staffId}", ct);
        return await ReadAsync(response, ApiJson.Default.ConsoleToken, "console token", ct);
    }

    /// <summary>Replaces the tenant's playbook (a JSON document as the platform's PlaybookJson reads it); returns its new version.</summary>
    public async Task<int> PutPlaybookAsync(string adminKey, string tenant, string playbookJson, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/playbook")
        {
            Content = new StringContent(playbookJson, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.OK, "put playbook", ct);
        return (await ReadAsync(response, ApiJson.Default.PlaybookSaved, "put playbook", ct)).Version;
    }

    public async Task<IngestResponse> PostEventsAsync(string apiKey, string tenant, IReadOnlyList<LoadEvent> events, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/events", apiKey,
            new IngestRequest(events), ApiJson.Default.IngestRequest);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.OK, "post events", ct);
        return await ReadAsync(response, ApiJson.Default.IngestResponse, "post events", ct);
    }

    /// <summary>Starts handing every customer of <paramref name="fromStaffId"/> to <paramref name="toStaffId"/> (202).</summary>
    public async Task<HandoverAccepted> StartHandoverAsync(string adminKey, string tenant, string fromStaffId, string toStaffId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/staff/{Uri.EscapeDataString(fromStaffId)}/handover",
            adminKey, new HandoverRequest(toStaffId), ApiJson.Default.HandoverRequest);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.Accepted, "start handover", ct);
        return await ReadAsync(response, ApiJson.Default.HandoverAccepted, "start handover", ct);
    }

    /// <summary>A handover's progress, from the status URL the start returned.</summary>
    public async Task<HandoverStatus> GetHandoverAsync(string adminKey, string statusUrl, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, statusUrl.TrimStart('/'), adminKey, null, ApiJson.Default.HandoverStatus);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.OK, "handover status", ct);
        return await ReadAsync(response, ApiJson.Default.HandoverStatus, "handover status", ct);
    }

    public async Task<NodeStats> GetStatsAsync(string operatorKey, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, "api/v1/system/stats", operatorKey, null, ApiJson.Default.NodeStats);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.OK, "system stats", ct);
        return await ReadAsync(response, ApiJson.Default.NodeStats, "system stats", ct);
    }

    /// <summary>
    /// Posts <paramref name="json"/> exactly as given (for bodies built to be refused, which a serializer would not
    /// write) and returns the status and, for a 200 from the ingest API, the response's counts.
    /// </summary>
    public async Task<(int Status, IngestResponse? Ingest)> PostRawAsync(string path, string? bearer, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await _http.SendAsync(request, ct);
        IngestResponse? ingest = null;
        if (response.StatusCode == HttpStatusCode.OK && path.EndsWith("/events", StringComparison.Ordinal))
            ingest = await ReadAsync(response, ApiJson.Default.IngestResponse, "post events", ct);
        return ((int)response.StatusCode, ingest);
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request<T>(HttpMethod method, string path, string? bearer, T? body, JsonTypeInfo<T> type)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null) request.Content = JsonContent.Create(body, type);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (body.Length > 500) body = body[..500] + "…";
        throw new ApiException($"{what}: {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.StatusCode}, expected {(int)expected}. {body}".TrimEnd(), response.StatusCode);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string what, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, ct) ?? throw new ApiException($"{what}: empty response body");
        }
        catch (JsonException e)
        {
            throw new ApiException($"{what}: response body is not the v1 shape: {e.Message}");
        }
    }
}
