using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>One in-process node that a test stops and starts again on the same ports and database, as a restart would.</summary>
public sealed class RestartableNode : IAsyncDisposable
{
    private readonly string[] _args;
    private PlatformNode? _node;

    private RestartableNode(NodeSettings settings, string[] args)
    {
        Settings = settings;
        _args = args;
    }

    public NodeSettings Settings { get; }
    public Uri BaseAddress => Settings.BaseAddress;

    public static async Task<RestartableNode> StartAsync(NodeSettings settings, params string[] args)
    {
        var node = new RestartableNode(settings, args);
        await node.StartAsync();
        return node;
    }

    public async Task StartAsync() => _node ??= await PlatformNode.StartAsync(Settings, _args);

    /// <summary>A graceful stop: the node's console connections close and their consoles start reconnecting.</summary>
    public async Task StopAsync()
    {
        if (_node is null) return;
        await _node.DisposeAsync();
        _node = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
