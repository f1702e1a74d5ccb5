using System.Net.Http.Headers;
using System.Text.Json;
using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>
/// The HTTP API as an integration and an admin use it: the SDK (<see cref="Api"/>, without retries, so a test sees
/// every first answer), and a raw path for what a client must be refused (malformed bodies, wrong keys), sent as it is.
/// </summary>
public sealed class PlatformClient : IDisposable
{
    public const string StaffPassword = "correct-horse-battery";

    private readonly HttpClient _http;

    public PlatformClient(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress };
        Api = new PrivateDomainGrainsClient(_http, new PrivateDomainGrainsClientOptions { OperatorKey = NodeSettings.OperatorKey });
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The SDK with the operator key, and once provisioned the tenant's integration and admin keys.</summary>
    public PrivateDomainGrainsClient Api { get; private set; }

    public string Tenant => Api.Tenant ?? "";
    public string ApiKey { get; private set; } = "";
    public string AdminKey { get; private set; } = "";

    /// <summary>Creates a tenant with the given staff (all with <see cref="StaffPassword"/>).</summary>
    public async Task ProvisionAsync(string tenant, params string[] staff)
    {
        var created = await Api.Tenants.CreateAsync(tenant, tenant);
        (Api, ApiKey, AdminKey) = (Api.WithTenant(created), created.ApiKey, created.AdminKey);
        foreach (var staffId in staff) await Api.Staff.CreateAsync(staffId, StaffPassword, staffId);
    }

    /// <summary>The same tenant and keys on another node of the cluster.</summary>
    public PlatformClient For(Uri otherNode)
    {
        var other = new PlatformClient(otherNode);
        (other.Api, other.ApiKey, other.AdminKey) = (other.Api.WithTenant(Tenant, ApiKey, AdminKey), ApiKey, AdminKey);
        return other;
    }

    /// <summary>Posts events as an integration does (<see cref="Events"/> makes them).</summary>
    public Task<EventBatchResponse> PostEventsAsync(params PostedEvent[] events) => Api.Events.PostAsync(events);

    /// <summary>Signs a staff member in with <see cref="StaffPassword"/>: the console token.</summary>
    public async Task<string> ConsoleTokenAsync(string staffId) => (await Api.Auth.SignInAsync(staffId, StaffPassword)).AccessToken;

    public Task<HttpResponseMessage> PostEventsRawAsync(string body, string? key = null) =>
        SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/events", body, key ?? ApiKey);

    /// <summary>Replaces the tenant's playbook with <paramref name="json"/> as it is (admin key unless another is given).</summary>
    public Task<HttpResponseMessage> PutPlaybookRawAsync(string json, string? key = null) =>
        SendRawAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/playbook", json, key ?? AdminKey);

    /// <summary>Sends <paramref name="body"/> serialized as it is (anonymous objects: any shape, any key).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? key) =>
        SendRawAsync(method, path, body is null ? null : JsonSerializer.Serialize(body), key);

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? body, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _http.SendAsync(request);
    }

    /// <summary>Sends <paramref name="body"/> as it is, byte for byte (for bodies that are not valid UTF-8, or in another
    /// charset: <paramref name="contentType"/> is sent as given, <c>text/csv; charset=gbk</c>).</summary>
    public Task<HttpResponseMessage> SendBytesAsync(HttpMethod method, string path, byte[] body, string? key, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
