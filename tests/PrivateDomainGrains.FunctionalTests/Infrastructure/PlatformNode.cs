using Microsoft.AspNetCore.Builder;
using PrivateDomainGrains.Host;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>One platform host running in this process on its own HTTP, silo and gateway ports.</summary>
public sealed class PlatformNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlatformNode(NodeSettings settings, WebApplication app)
    {
        Settings = settings;
        _app = app;
    }

    public NodeSettings Settings { get; }
    public Uri BaseAddress => Settings.BaseAddress;

    /// <summary>The host's services, for a test that reads what the host is made of (its endpoints).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<PlatformNode> StartAsync(NodeSettings settings, params string[] extraArgs)
    {
        var app = PlatformApp.Create(settings.Args(extraArgs));
        await app.StartAsync();
        return new PlatformNode(settings, app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
