namespace PrivateDomainGrains.Grains.Tests;

/// <summary>Waits for what the cluster does in the background (refreshes, flushes): no timing assertion, just patience.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }
}
