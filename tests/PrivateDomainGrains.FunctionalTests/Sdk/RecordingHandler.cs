using System.Net;

namespace PrivateDomainGrains.FunctionalTests.Sdk;

/// <summary>
/// Sits between the SDK's retry handler and the network and writes down every attempt: status and body. It can also
/// lose the answer to a request the server did handle (as a dropped connection does), answering 503 in its place.
/// </summary>
public sealed class RecordingHandler(Func<HttpRequestMessage, int, bool>? loseAnswer = null) : DelegatingHandler
{
    private readonly List<(HttpStatusCode Status, string? Body)> _attempts = [];

    public IReadOnlyList<(HttpStatusCode Status, string? Body)> Attempts
    {
        get
        {
            lock (_attempts) return [.. _attempts];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        int attempt;
        lock (_attempts) attempt = _attempts.Count;
        if (loseAnswer?.Invoke(request, attempt) == true)
        {
            response.Dispose();
            response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
        }
        lock (_attempts) _attempts.Add((response.StatusCode, body));
        return response;
    }
}
