using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// A webhook receiver in the test process: a real Kestrel server on 127.0.0.1 (ports 5540-5549) that records every
/// request per path (headers and body as received) and answers each path with the statuses scripted for it, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <param name="At">When the request's body had been read here.</param>
    public sealed record Received(string Path, string Id, string Timestamp, string Signature, byte[] Body, DateTimeOffset At)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    private static int _nextPort = 5540;
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();
    private readonly ConcurrentDictionary<string, int> _always = new();
    private readonly ConcurrentDictionary<string, string> _reasons = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();

    private WebhookReceiver(WebApplication app, int port) => (_app, Port) = (app, port);

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public IReadOnlyList<Received> At(string path) => [.. _received.Where(r => r.Path == "/" + path)];

    /// <summary>The next requests to <paramref name="path"/> are answered with these statuses, in order; later ones 200.</summary>
    public void Script(string path, params int[] statuses) => _scripts["/" + path] = new ConcurrentQueue<int>(statuses);

    /// <summary>Every request to <paramref name="path"/> is answered with <paramref name="status"/> until changed (200 to stop failing).</summary>
    public void Always(string path, int status) => _always["/" + path] = status;

    /// <summary>The receiver answers <paramref name="path"/> with this reason phrase after its status (any length, as a hostile receiver may).</summary>
    public void Reason(string path, string reasonPhrase) => _reasons["/" + path] = reasonPhrase;

    /// <summary>Requests to <paramref name="path"/> are recorded but not answered until <see cref="Release"/> (or the caller goes away).</summary>
    public void Hold(string path) => _holds["/" + path] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held requests to <paramref name="path"/> and stops holding.</summary>
    public void Release(string path)
    {
        if (_holds.TryRemove("/" + path, out var hold)) hold.TrySetResult();
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(string path, Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            var received = At(path);
            if (done(received)) return received;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The receiver's {path} got {At(path).Count} requests, not what the test waited for");
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var port = 5540 + (Interlocked.Increment(ref _nextPort) - 5541) % 10;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            var receiver = new WebhookReceiver(app, port);
            app.Run(receiver.HandleAsync);
            try
            {
                await app.StartAsync();
                return receiver;
            }
            catch (IOException)
            {
                await app.DisposeAsync();
            }
        }
        throw new InvalidOperationException("No free port in 5540-5549 for a webhook receiver");
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var path = context.Request.Path.Value ?? "/";
        _received.Enqueue(new Received(path, context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(), body.ToArray(), DateTimeOffset.UtcNow));
        if (_holds.TryGetValue(path, out var hold))
        {
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the sender went away while held
            }
        }
        context.Response.StatusCode = _always.TryGetValue(path, out var always) ? always
            : _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var status) ? status : 200;
        if (_reasons.TryGetValue(path, out var reason)) context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = reason;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var path in _holds.Keys) Release(path[1..]);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
