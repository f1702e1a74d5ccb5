using System.Collections.Concurrent;

namespace PrivateDomainGrains.LoadTest.Live;

/// <summary>Distinct error messages with how often each happened: a failing run usually fails the same way thousands of times.</summary>
public sealed class ErrorLog
{
    private const int MaxDistinct = 100;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string where, Exception error)
    {
        var message = $"{where}: {error.GetType().Name}: {error.Message}";
        if (message.Length > 300) message = message[..300] + "…";
        if (_counts.Count >= MaxDistinct && !_counts.ContainsKey(message)) message = $"{where}: (further distinct errors)";
        _counts.AddOrUpdate(message, 1, (_, n) => n + 1);
    }

    public IReadOnlyList<KeyValuePair<string, long>> Top(int count) =>
        _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(count).ToArray();
}
