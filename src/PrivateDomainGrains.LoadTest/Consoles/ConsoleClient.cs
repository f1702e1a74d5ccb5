using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;

namespace PrivateDomainGrains.LoadTest.Consoles;

/// <summary>
/// One staff console: the SDK's hub client on <c>/hubs/console</c>, acknowledging every nudge at once. When its
/// connection drops, the client's automatic reconnect tries the same node (at once, then after a second); if that fails
/// it fails over to the other nodes in turn, with a new connection, until one takes it, as a console with a list of node
/// URLs does. Every connection is recorded as a <see cref="ConsoleSession"/>.
/// </summary>
internal sealed class ConsoleClient(
    int index,
    string staff,
    string accessToken,
    NodePool pool,
    bool confirmAcks,
    RunClock clock,
    RunCounters counters,
    Action<NudgeArrival> onNudge,
    Action<AckConfirmation> onAckConfirmed,
    ErrorLog errors) : IAsyncDisposable
{
    private static readonly TimeSpan[] ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(1)];
    private static readonly TimeSpan FailOverPause = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private readonly List<ConsoleSession> _sessions = [];
    // Never disposed: a fail-over still under way may read its token after the console is disposed.
    private readonly CancellationTokenSource _stopping = new();
    private ConsoleHubClient? _connection;
    private ConsoleSession? _open;

    public string Staff => staff;

    public IReadOnlyList<ConsoleSession> Sessions
    {
        get
        {
            lock (_lock) return _open is null ? [.. _sessions] : [.. _sessions, _open];
        }
    }

    /// <summary>Connects to <paramref name="node"/>; a failure here is the run's, not a fault to ride out.</summary>
    public Task StartAsync(NodeConnection node, CancellationToken ct) => ConnectAsync(node, ct);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        ConsoleHubClient? connection;
        lock (_lock) connection = _connection;
        if (connection is not null) await connection.DisposeAsync();
        lock (_lock) Close();
    }

    private async Task ConnectAsync(NodeConnection node, CancellationToken ct)
    {
        var connection = Build(node.BaseAddress);
        lock (_lock) _connection = connection;
        try
        {
            await connection.StartAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        lock (_lock) Open(node.BaseAddress.Authority, connection.ConnectionId);
    }

    private ConsoleHubClient Build(Uri node)
    {
        var connection = new ConsoleHubClient(node, () => Task.FromResult<string?>(accessToken),
            new ConsoleHubOptions { ReconnectDelays = ReconnectDelays, KeepReconnecting = false });
        connection.OnNudges(nudges => OnNudges(connection, nudges));
        connection.Reconnecting += error =>
        {
            lock (_lock) Close();
            if (error is not null) errors.Record($"console {index}", error);
            return Task.CompletedTask;
        };
        connection.Reconnected += connectionId =>
        {
            lock (_lock) Open(node.Authority, connectionId);
            counters.Reconnected();
            return Task.CompletedTask;
        };
        connection.Closed += error =>
        {
            lock (_lock) Close();
            if (_stopping.IsCancellationRequested) return Task.CompletedTask;
            if (error is not null) errors.Record($"console {index}", error);
            _ = FailOverAsync(connection);
            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>The node did not take the console back: try the others in turn (then it again) until one does.</summary>
    private async Task FailOverAsync(ConsoleHubClient dropped)
    {
        await dropped.DisposeAsync();
        while (!_stopping.IsCancellationRequested)
        {
            var node = pool.Next();
            try
            {
                await ConnectAsync(node, _stopping.Token);
                counters.Reconnected();
                return;
            }
            catch (Exception e)
            {
                if (_stopping.IsCancellationRequested) return;
                if (RequestAttempt.Describe(e).Status is null) pool.Unreachable(node);
                errors.Record($"console {index} fail-over to {node.BaseAddress}", e);
                try
                {
                    await Task.Delay(FailOverPause, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Open(string node, string? connectionId) => _open = new ConsoleSession(index, staff, connectionId ?? "", node, clock.NowTicks, null);

    private void Close()
    {
        if (_open is null) return;
        _sessions.Add(_open with { EndTicks = clock.NowTicks });
        _open = null;
    }

    private void OnNudges(ConsoleHubClient connection, IReadOnlyList<Nudge> nudges)
    {
        var arrived = clock.NowTicks;
        // The id of the physical connection the message came on, whatever the client's reconnect bookkeeping says.
        var connectionId = connection.ConnectionId;
        foreach (var nudge in nudges)
        {
            if (string.IsNullOrEmpty(nudge.Id))
            {
                counters.ConsoleError();
                errors.Record($"console {index}", new InvalidDataException("nudge without an id"));
                continue;
            }
            onNudge(new NudgeArrival(nudge.Id, nudge.EventId, nudge.Kind, nudge.StaffId, staff, index, arrived, nudge.CustomerId, connectionId));
            _ = AckAsync(connection, nudge.Id);
        }
    }

    private async Task AckAsync(ConsoleHubClient connection, string nudgeId)
    {
        try
        {
            if (confirmAcks)
            {
                await connection.AckAsync(nudgeId);
                onAckConfirmed(new AckConfirmation(index, nudgeId, clock.NowTicks));
            }
            else
            {
                await connection.SendAckAsync(nudgeId);
            }
            counters.AckSent();
        }
        catch (Exception e)
        {
            counters.AckFailed();
            errors.Record($"console {index} ack", e);
        }
    }
}
