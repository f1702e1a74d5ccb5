using System.Net.Sockets;
using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One HTTP request the tool made and how it ended, on the run clock: <see cref="Status"/> when the server answered,
/// otherwise <see cref="Failure"/> (connection refused, reset, timeout...). <see cref="Call"/> names what was asked
/// (e.g. "events", or "A sign-in" in the noisy preset); <see cref="Node"/> is the node's host:port.
/// </summary>
public readonly record struct RequestAttempt(long AtTicks, string Call, string Node, int? Status, string? Failure)
{
    /// <summary>How the report names the outcome: the status code, or the kind of transport failure.</summary>
    public string Outcome => Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : Failure ?? "failed";

    /// <summary>The server did not answer: the request may or may not have reached it.</summary>
    public bool IsTransportFailure => Status is null;

    /// <summary>A short name for a failed request: the HTTP status it got, or what went wrong on the way.</summary>
    public static (int? Status, string? Failure) Describe(Exception e) => e switch
    {
        PlatformApiException api => ((int)api.StatusCode, null),
        System.Text.Json.JsonException => (null, "bad response body"),
        TaskCanceledException or TimeoutException => (null, "timeout"),
        HttpRequestException { InnerException: SocketException s } => (null, s.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.ConnectionReset => "connection reset",
            _ => "socket " + s.SocketErrorCode,
        }),
        HttpRequestException h => (null, h.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => "connection closed mid-response",
            HttpRequestError.Unknown => "transport error",
            var other => other.ToString(),
        }),
        _ => (null, e.GetType().Name),
    };
}
