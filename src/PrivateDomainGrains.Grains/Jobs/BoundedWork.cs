namespace PrivateDomainGrains.Grains.Jobs;

/// <summary>A job's page worked a bounded number of items at a time.</summary>
public static class BoundedWork
{
    /// <summary>
    /// Runs <paramref name="workAsync"/> for every item, at most <paramref name="limit"/> at once (this bounds the
    /// activations and writes one job adds to live traffic), and returns each item's result in the items' order.
    /// <paramref name="workAsync"/> turns its own failures into results: one that throws fails the whole page.
    /// </summary>
    public static async Task<TResult[]> ForEachAsync<TItem, TResult>(IReadOnlyList<TItem> items, int limit, Func<TItem, Task<TResult>> workAsync)
    {
        using var slots = new SemaphoreSlim(limit);
        var running = new List<Task<TResult>>(items.Count);
        foreach (var item in items)
        {
            await slots.WaitAsync();
            running.Add(RunOneAsync(item));
        }
        return await Task.WhenAll(running);

        async Task<TResult> RunOneAsync(TItem item)
        {
            try
            {
                return await workAsync(item);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
