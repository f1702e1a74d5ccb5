using Microsoft.AspNetCore.SignalR.Client;

namespace PrivateDomainGrains.Client;

/// <summary>Reconnects after <see cref="ConsoleHubOptions.ReconnectDelays"/>, never once the hub said the session ended.</summary>
internal sealed class ConsoleReconnectPolicy(ConsoleHubOptions options, Func<bool> signedOut) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        var delays = options.ReconnectDelays;
        if (signedOut() || delays.Count == 0) return null;
        if (retryContext.PreviousRetryCount < delays.Count) return delays[(int)retryContext.PreviousRetryCount];
        return options.KeepReconnecting ? delays[^1] : null;
    }
}
