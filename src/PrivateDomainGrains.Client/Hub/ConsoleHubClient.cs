using Microsoft.AspNetCore.SignalR.Client;

namespace PrivateDomainGrains.Client;

/// <summary>
/// A staff member's live console on the hub (<c>/hubs/console</c>), over the official SignalR client. The server sends
/// <c>replaying</c> (on connect, how many open nudges follow), <c>nudges</c> (every open nudge on connect, then live ones as they are raised, several in one message) and
/// <c>signedOut</c> (the staff member was disabled; the server closes the connection and this client stops
/// reconnecting). <see cref="AckAsync"/> (done) and <see cref="DismissAsync"/> (not useful) close a nudge and answer
/// one of <see cref="CloseResults"/>; <see cref="SnoozeAsync"/> hides it for a while and answers one of
/// <see cref="SnoozeResults"/>; <see cref="OpenedAsync"/> records that the staff member opened it. All four are
/// idempotent, so an action whose answer was lost may be sent again.
/// </summary>
public sealed class ConsoleHubClient : IAsyncDisposable
{
    public const string HubPath = "hubs/console";
    public const string NudgesMessage = "nudges";
    public const string ReplayingMessage = "replaying";
    public const string SignedOutMessage = "signedOut";
    public const string ChangedMessage = "changed";
    public const string ExecutionChangedMessage = "executionChanged";

    private readonly HubConnection _connection;
    private volatile bool _signedOut;

    /// <param name="baseAddress">The platform's base URL.</param>
    /// <param name="accessTokenProvider">
    /// Gives the current console token whenever the client connects or reconnects (<see cref="AuthClient.SignInAsync"/>,
    /// kept fresh with <see cref="AuthClient.RefreshAsync"/>).
    /// </param>
    public ConsoleHubClient(Uri baseAddress, Func<Task<string?>> accessTokenProvider, ConsoleHubOptions? options = null)
    {
        options ??= new ConsoleHubOptions();
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(root, options.WatchOnly ? HubPath + "?purpose=watch" : HubPath), o =>
            {
                o.AccessTokenProvider = accessTokenProvider;
                options.ConfigureConnection?.Invoke(o);
            })
            .WithAutomaticReconnect(new ConsoleReconnectPolicy(options, () => _signedOut))
            .Build();
        _connection.On(SignedOutMessage, () => _signedOut = true);
    }

    /// <summary>The id of the current physical connection (a new one after each reconnect); null while disconnected.</summary>
    public string? ConnectionId => _connection.ConnectionId;

    public HubConnectionState State => _connection.State;

    /// <summary>The hub said this staff member's session ended.</summary>
    public bool SignedOut => _signedOut;

    /// <summary>The connection dropped; the client is reconnecting.</summary>
    public event Func<Exception?, Task>? Reconnecting
    {
        add => _connection.Reconnecting += value;
        remove => _connection.Reconnecting -= value;
    }

    /// <summary>Reconnected, with the new connection id; the hub replays the open nudges.</summary>
    public event Func<string?, Task>? Reconnected
    {
        add => _connection.Reconnected += value;
        remove => _connection.Reconnected -= value;
    }

    /// <summary>Closed for good: stopped, signed out, or out of reconnect attempts.</summary>
    public event Func<Exception?, Task>? Closed
    {
        add => _connection.Closed += value;
        remove => _connection.Closed -= value;
    }

    /// <summary>Calls <paramref name="handler"/> with every <c>nudges</c> message, in order; dispose the result to stop.</summary>
    public IDisposable OnNudges(Action<IReadOnlyList<Nudge>> handler) => _connection.On<Nudge[]>(NudgesMessage, nudges => handler(nudges));

    /// <summary>On every connect, before the replay of the open nudges: how many it brings.</summary>
    public IDisposable OnReplaying(Action<ReplayTotals> handler) => _connection.On<ReplayTotals>(ReplayingMessage, handler);

    /// <summary>Nudges this console shows changed: closed elsewhere or by the platform, moved away, or snoozed.</summary>
    public IDisposable OnChanged(Action<IReadOnlyList<NudgeChange>> handler) => _connection.On<NudgeChange[]>(ChangedMessage, changes => handler(changes));

    /// <summary>After <see cref="WatchExecutionAsync"/>: the figures of someone the user's execution report covers moved (at most one call a second); read the report again.</summary>
    public IDisposable OnExecutionChanged(Action handler) => _connection.On(ExecutionChangedMessage, handler);

    /// <summary>
    /// A manager or admin hears <c>executionChanged</c> from now on, for their team or tenant as the roster has them now,
    /// until the connection drops (call it again after a reconnect). Answers <c>watching</c>, or <c>forbidden</c> for staff.
    /// </summary>
    public Task<string> WatchExecutionAsync(CancellationToken cancellationToken = default) =>
        _connection.InvokeAsync<string>("WatchExecution", cancellationToken);

    /// <summary>Calls <paramref name="handler"/> when the hub says the session ended (the connection closes next).</summary>
    public IDisposable OnSignedOut(Action handler) => _connection.On(SignedOutMessage, handler);

    /// <exception cref="Microsoft.AspNetCore.SignalR.HubException">The hub refused the connection, e.g. too many consoles of this staff member on the node.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) => _connection.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _connection.StopAsync(cancellationToken);

    /// <summary>Done: the staff member did what the nudge suggested. Answers one of <see cref="CloseResults"/>.</summary>
    public Task<string> AckAsync(string nudgeId, CancellationToken cancellationToken = default) =>
        _connection.InvokeAsync<string>("Ack", nudgeId, cancellationToken);

    /// <summary>Not useful. Answers one of <see cref="CloseResults"/>.</summary>
    public Task<string> DismissAsync(string nudgeId, CancellationToken cancellationToken = default) =>
        _connection.InvokeAsync<string>("Dismiss", nudgeId, cancellationToken);

    /// <summary>
    /// Hides an open nudge from every console of this staff member until <paramref name="until"/> (after now, at most
    /// 30 days ahead): the hub tells the consoles (<c>changed</c>); the nudge stays open, and the replay on every
    /// connect carries its <see cref="Nudge.SnoozedUntil"/>, so a console shows it again once that time has passed.
    /// Answers one of <see cref="SnoozeResults"/>.
    /// </summary>
    public Task<string> SnoozeAsync(string nudgeId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        _connection.InvokeAsync<string>("Snooze", nudgeId, until, cancellationToken);

    /// <summary>
    /// The staff member opened the nudge (read its detail, opened its customer): the execution reports count its first
    /// opening (<c>opened</c>, "was it seen"). Idempotent, so a console may send it whenever it is unsure; answers one of
    /// <see cref="OpenedResults"/>.
    /// </summary>
    public Task<string> OpenedAsync(string nudgeId, CancellationToken cancellationToken = default) =>
        _connection.InvokeAsync<string>("Opened", nudgeId, cancellationToken);

    /// <summary>Done, sent without waiting for (or receiving) the hub's answer.</summary>
    public Task SendAckAsync(string nudgeId, CancellationToken cancellationToken = default) =>
        _connection.SendAsync("Ack", nudgeId, cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
