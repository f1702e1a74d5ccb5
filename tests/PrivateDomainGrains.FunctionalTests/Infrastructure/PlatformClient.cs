using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>The HTTP API as an integration and an admin use it.</summary>
public sealed class PlatformClient(Uri baseAddress) : IDisposable
{
    public const string StaffPassword = "correct-horse-battery";

    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public Uri BaseAddress => baseAddress;
    public string Tenant { get; private set; } = "";
    public string ApiKey { get; private set; } = "";
    public string AdminKey { get; private set; } = "";

    public PlatformClient For(Uri otherNode) =>
        new(otherNode) { Tenant = Tenant, ApiKey = ApiKey, AdminKey = AdminKey };

    /// <summary>Creates a tenant with the given staff (all with <see cref="StaffPassword"/>).</summary>
    public async Task ProvisionAsync(string tenant, params string[] staff)
    {
        var created = await SendAsync(HttpMethod.Post, "/api/v1/tenants", new { tenant, name = tenant }, NodeSettings.OperatorKey);
        created.EnsureSuccessStatusCode();
        var keys = await created.Content.ReadFromJsonAsync<JsonObject>();
        Tenant = tenant;
        ApiKey = (string)keys!["apiKey"]!;
        AdminKey = (string)keys["adminKey"]!;
        foreach (var staffId in staff)
            (await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/staff", new { staffId, name = staffId, password = StaffPassword }, AdminKey)).EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> PostEventsAsync(params object[] events)
    {
        var response = await PostEventsRawAsync(JsonSerializer.Serialize(new { events }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<HttpResponseMessage> PostEventsRawAsync(string body, string? key = null) =>
        SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/events", body, key ?? ApiKey);

    public async Task<JsonObject?> GetCustomerAsync(string customerId)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/customers/{customerId}", null, ApiKey);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>();
    }

    public async Task<JsonObject> GetInteractionsAsync(string customerId, string query = "")
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/customers/{customerId}/interactions{query}", null, ApiKey);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Replaces the tenant's playbook (admin key unless another is given).</summary>
    public Task<HttpResponseMessage> PutPlaybookAsync(string json, string? key = null) =>
        SendRawAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/playbook", json, key ?? AdminKey);

    public Task<HttpResponseMessage> SetOwnerAsync(string customerId, string staffId) =>
        SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/customers/{customerId}/owner", new { staffId }, ApiKey);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? key) =>
        SendRawAsync(method, path, body is null ? null : JsonSerializer.Serialize(body), key);

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? body, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _http.SendAsync(request);
    }

    /// <summary>Sends <paramref name="body"/> as it is, byte for byte (for bodies that are not valid UTF-8).</summary>
    public Task<HttpResponseMessage> SendBytesAsync(HttpMethod method, string path, byte[] body, string? key)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _http.SendAsync(request);
    }

    public async Task<string> ConsoleTokenAsync(string staffId)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/v1/auth/console-token", new { tenant = Tenant, staffId, password = StaffPassword }, null);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    public void Dispose() => _http.Dispose();
}
