namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Queues work items and hands them to a processor in batches: up to <c>concurrency</c> batches in flight, each taking
/// whatever queued up while the others ran. Under load batches grow by themselves; when idle an item goes alone.
/// Shared by group commit (writes), group read (customer loads) and the audit log.
/// <para>
/// With <c>keysOf</c>, batches are formed key-aware: an item with a key that a batch in flight holds stays queued for a
/// later batch, and so does every later item sharing a key with an item left behind. Two batches in flight then never
/// share a key, and the items of one key are processed in the order they were queued (each batch after the previous
/// one of that key ended); items of other keys pass the ones left waiting.
/// </para>
/// </summary>
internal sealed class BatchPump<T, TKey> : IAsyncDisposable where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly int _concurrency;
    private readonly int _maxWeight;
    private readonly Func<T, int> _weightOf;
    private readonly Func<T, IReadOnlyCollection<TKey>>? _keysOf;
    private readonly Func<List<T>, Task> _process;
    private readonly Action<List<T>, Exception> _fail;
    /// <summary>Items left behind by batch forming (their keys were held), all queued before those of <see cref="_queue"/>.</summary>
    private List<T> _deferred = [];
    private readonly Queue<T> _queue = new();
    /// <summary>The keys of the batches in flight.</summary>
    private readonly HashSet<TKey> _held = [];
    /// <summary>The keys of the <see cref="_deferred"/> items.</summary>
    private readonly HashSet<TKey> _blocked = [];
    /// <summary>A batch that held a key of a deferred item ended since they were considered: some may go now.</summary>
    private bool _rescan;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private bool _closed;

    /// <param name="keysOf">An item's keys (null: any items may share a batch or be in two at once).</param>
    /// <param name="fail">Fails every item of a batch whose processing threw.</param>
    public BatchPump(int concurrency, int maxWeight, Func<T, int> weightOf, Func<List<T>, Task> process, Action<List<T>, Exception> fail,
        Func<T, IReadOnlyCollection<TKey>>? keysOf = null)
    {
        (_concurrency, _maxWeight, _weightOf, _process, _fail, _keysOf) = (concurrency, maxWeight, weightOf, process, fail, keysOf);
    }

    /// <summary>Items queued and not yet taken into a batch.</summary>
    public int Queued
    {
        get { lock (_gate) return _deferred.Count + _queue.Count; }
    }

    public void Enqueue(T item)
    {
        lock (_gate)
        {
            if (_closed) throw new ObjectDisposedException(GetType().Name);
            _queue.Enqueue(item);
            StartBatches();
        }
    }

    /// <summary>Takes no more items, and completes when the queued ones are processed.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (_inFlight == 0 && _queue.Count + _deferred.Count == 0) _drained.TrySetResult();
        }
        await _drained.Task;
    }

    /// <summary>Starts batches while fewer than the concurrency are in flight and items can go. Called under the gate.</summary>
    private void StartBatches()
    {
        while (_inFlight < _concurrency && Form() is { } batch)
        {
            _inFlight++;
            // Off the caller's thread (a grain's turn, a finished flush): the processor runs on the thread pool.
            _ = Task.Run(() => RunAsync(batch.Items, batch.Keys));
        }
        if (_closed && _inFlight == 0 && _queue.Count + _deferred.Count == 0) _drained.TrySetResult();
    }

    /// <summary>
    /// The next batch, up to the maximum weight, in queue order, leaving behind items whose keys are held or blocked; null
    /// if none can go. The items left behind are considered again only after a batch ended: until then the keys that
    /// held them stay held.
    /// </summary>
    private (List<T> Items, HashSet<TKey>? Keys)? Form()
    {
        if (_queue.Count == 0 && !(_rescan && _deferred.Count > 0)) return null;
        List<T> items = [];
        var weight = 0;
        if (_keysOf is null)
        {
            while (weight < _maxWeight && _queue.TryDequeue(out var next))
            {
                items.Add(next);
                weight += _weightOf(next);
            }
            return (items, null);
        }
        HashSet<TKey> taken = [];
        if (_rescan)
        {
            var earlier = _deferred;
            (_deferred, _rescan) = ([], false);
            _blocked.Clear();
            foreach (var item in earlier)
            {
                if (weight < _maxWeight) Consider(item);
                else
                {
                    // Not reached (the batch is full): deferred unseen, to be considered after the next batch ends.
                    Defer(item);
                    _rescan = true;
                }
            }
        }
        while (weight < _maxWeight && _queue.TryDequeue(out var next)) Consider(next);
        if (items.Count == 0) return null;
        _held.UnionWith(taken);
        return (items, taken);

        void Consider(T item)
        {
            var keys = _keysOf(item);
            foreach (var key in keys)
            {
                if (_held.Contains(key) || _blocked.Contains(key))
                {
                    Defer(item);
                    return;
                }
            }
            items.Add(item);
            weight += _weightOf(item);
            taken.UnionWith(keys);
        }
    }

    /// <summary>Leaves the item for a later batch; its keys are blocked until then, so no later item of the same key passes it.</summary>
    private void Defer(T item)
    {
        _deferred.Add(item);
        _blocked.UnionWith(_keysOf!(item));
    }

    private async Task RunAsync(List<T> batch, HashSet<TKey>? keys)
    {
        try
        {
            await _process(batch);
        }
        catch (Exception ex)
        {
            _fail(batch, ex);
        }
        lock (_gate)
        {
            if (keys is not null)
            {
                _held.ExceptWith(keys);
                // Only a freed key that a waiting item has can let one go: without it, a backlog behind a busy key was
                // examined again whole at the end of every other batch.
                if (keys.Overlaps(_blocked)) _rescan = true;
            }
            _inFlight--;
            StartBatches();
        }
    }
}

/// <summary>A <see cref="BatchPump{T, TKey}"/> without keys: any items may share a batch or be in two batches at once.</summary>
internal sealed class BatchPump<T>(int concurrency, int maxWeight, Func<T, int> weightOf, Func<List<T>, Task> process, Action<List<T>, Exception> fail)
    : IAsyncDisposable
{
    private readonly BatchPump<T, int> _pump = new(concurrency, maxWeight, weightOf, process, fail);

    /// <summary>Items queued and not yet taken into a batch.</summary>
    public int Queued => _pump.Queued;

    public void Enqueue(T item) => _pump.Enqueue(item);

    public ValueTask DisposeAsync() => _pump.DisposeAsync();
}
