using System.Net;
using System.Net.Http.Headers;
using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.LoadTest.Api;

/// <summary>
/// One node of the platform: the SDK (<see cref="Api"/>, with the operator key; <see cref="TenantCredentials.On"/> gives
/// a tenant's) over a connection pool of its own, and a raw path for the requests built to be refused. No retry
/// handler: the tool counts every attempt itself, and resends events to the next node (<see cref="Run.EventDriver"/>).
/// </summary>
public sealed class NodeConnection : IDisposable
{
    private readonly HttpClient _http;

    public NodeConnection(Uri baseAddress, TimeSpan timeout, string? operatorKey)
    {
        // One pool per node, wide enough that the client never becomes the queue it is trying to measure.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 4096,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        Api = new PrivateDomainGrainsClient(_http, new PrivateDomainGrainsClientOptions { OperatorKey = operatorKey });
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public PrivateDomainGrainsClient Api { get; }

    /// <summary>
    /// Posts <paramref name="json"/> exactly as given (a body built to be refused, which a serializer would not write)
    /// and returns the status and, for a 200 from the ingest API, its counts.
    /// </summary>
    public async Task<(int Status, EventBatchResponse? Ingest)> PostRawAsync(string path, string? bearer, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await _http.SendAsync(request, ct);
        EventBatchResponse? ingest = null;
        if (response.StatusCode == HttpStatusCode.OK && path.EndsWith("/events", StringComparison.Ordinal))
            ingest = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<EventBatchResponse>(response.Content, ct);
        return ((int)response.StatusCode, ingest);
    }

    public void Dispose() => _http.Dispose();
}
