using System.Threading.Channels;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Queues work items and hands them to a processor in batches: up to <c>concurrency</c> batches in flight, each taking
/// whatever queued up while the others ran. Under load batches grow by themselves; when idle an item goes alone.
/// Shared by group commit (writes) and group read (customer loads).
/// </summary>
internal sealed class BatchPump<T> : IAsyncDisposable
{
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>(new() { SingleWriter = false });
    private readonly int _maxWeight;
    private readonly Func<T, int> _weightOf;
    private readonly Func<List<T>, Task> _process;
    private readonly Action<List<T>, Exception> _fail;
    private readonly Task[] _loops;

    /// <param name="fail">Fails every item of a batch whose processing threw.</param>
    public BatchPump(int concurrency, int maxWeight, Func<T, int> weightOf, Func<List<T>, Task> process, Action<List<T>, Exception> fail)
    {
        (_maxWeight, _weightOf, _process, _fail) = (maxWeight, weightOf, process, fail);
        _loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    /// <summary>Items queued and not yet taken into a batch.</summary>
    public int Queued => _queue.Reader.Count;

    public void Enqueue(T item)
    {
        if (!_queue.Writer.TryWrite(item)) throw new ObjectDisposedException(GetType().Name);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task LoopAsync()
    {
        var batch = new List<T>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var weight = 0;
            while (weight < _maxWeight && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                weight += _weightOf(next);
            }
            if (batch.Count == 0) continue;
            try
            {
                await _process(batch);
            }
            catch (Exception ex)
            {
                _fail(batch, ex);
            }
            batch.Clear();
        }
    }
}
