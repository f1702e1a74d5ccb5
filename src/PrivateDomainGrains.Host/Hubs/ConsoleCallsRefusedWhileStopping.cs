using Microsoft.AspNetCore.SignalR;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// A stopping node runs no hub call that reaches it after the stop began. SignalR closes every console connection at
/// SIGTERM, but a connection closed gracefully still hands the hub every message it had already received, one call at a
/// time: a console that acked each nudge as it arrived left hundreds of <c>Ack</c>s queued on its connection, each a
/// few grain calls and writes, and the web server's stop waited for them all, up to the host's shutdown timeout (issue 16).
/// Their answers could not reach the console anyway (its connection is closing), and its outbox sends them again after
/// reconnecting to another node (closes are idempotent). So such a call is not run: the connection is aborted at once
/// and the call answers nothing. A call already running when the stop began completes, the silo and storage still
/// serving until the web server has stopped.
/// </summary>
public sealed class ConsoleCallsRefusedWhileStopping(ShutdownDrain drain) : IHubFilter
{
    /// <summary>Runs the hub call, unless the node has begun to stop: then aborts the connection and answers nothing.</summary>
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!drain.Stopping) return next(invocationContext);
        // Not a HubException: SignalR logs every failed hub call at Error, and a stop refusing hundreds of queued Acks is
        // not an error an operator should be shown.
        invocationContext.Context.Abort();
        return ValueTask.FromResult<object?>(null);
    }
}
