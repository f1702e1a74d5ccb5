using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>An <see cref="ILogger{T}"/> that keeps every formatted message, for tests that count what a component logged.</summary>
public sealed class CapturedLogs<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _messages.Enqueue(formatter(state, exception));
}
