using Microsoft.AspNetCore.Http.Connections.Client;

namespace PrivateDomainGrains.Client;

/// <summary>How a <see cref="ConsoleHubClient"/> connects and reconnects.</summary>
public sealed class ConsoleHubOptions
{
    /// <summary>The waits before each reconnect attempt after the connection drops, in order.</summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; set; } =
        [TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    /// <summary>
    /// Once <see cref="ReconnectDelays"/> are used up, keep trying at the last delay, as an open console does until its
    /// staff member is signed out. False: give up then (the client raises <see cref="ConsoleHubClient.Closed"/>).
    /// </summary>
    public bool KeepReconnecting { get; set; } = true;

    /// <summary>
    /// A dashboard's connection that only watches execution (<see cref="ConsoleHubClient.WatchExecutionAsync"/>): it is
    /// no console, gets no nudges and marks none delivered.
    /// </summary>
    public bool WatchOnly { get; set; }

    /// <summary>Anything else of the connection: transports, headers, the HTTP handler.</summary>
    public Action<HttpConnectionOptions>? ConfigureConnection { get; set; }
}
