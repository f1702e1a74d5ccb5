using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Grains.Staff;

namespace PrivateDomainGrains.Grains.Tests.Staff;

public sealed class NudgeDispatcherTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private NudgeDispatcher Dispatcher => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<NudgeDispatcher>();

    [Fact]
    public async Task A_burst_for_one_staff_member_reaches_its_node_whole_in_a_few_calls_not_one_per_nudge()
    {
        var node = await SubscribeNodeAsync("burst", "alice");
        var burst = Enumerable.Range(0, 2_000).Select(i => NudgeFor("burst", "alice", $"n-{i}")).ToArray();

        // As a million timers do: each customer grain hands over its own nudge.
        foreach (var nudge in burst) Dispatcher.Post([nudge]);

        await Eventually.Async(() => Task.FromResult(node.Received.Count), count => count >= burst.Length);
        Assert.Equal(burst.Select(n => n.Id).Order(), node.Received.Select(n => n.Id).Order());
        Assert.True(node.Calls < 100, $"{node.Calls} calls for {burst.Length} nudges");
    }

    [Fact]
    public async Task Each_staff_member_gets_only_their_own_nudges()
    {
        var bob = await SubscribeNodeAsync("split", "bob");
        var carol = await SubscribeNodeAsync("split", "carol");

        Dispatcher.Post([NudgeFor("split", "bob", "for-bob"), NudgeFor("split", "carol", "for-carol"), NudgeFor("split", "bob", "for-bob-2")]);

        await Eventually.Async(() => Task.FromResult(bob.Received.Count + carol.Received.Count), count => count >= 3);
        Assert.Equal(["for-bob", "for-bob-2"], bob.Received.Select(n => n.Id).Order());
        Assert.Equal(["for-carol"], carol.Received.Select(n => n.Id));
    }

    private async Task<RecordingNode> SubscribeNodeAsync(string tenant, string staffId)
    {
        var node = new RecordingNode();
        await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId))
            .SubscribeAsync(fixture.Grains.CreateObjectReference<INudgeObserver>(node));
        return node;
    }

    private static Nudge NudgeFor(string tenant, string staffId, string id) =>
        new(id, tenant, "c-" + id, staffId, "reply", "Reply", "Answer the question", "asked", 50, DateTimeOffset.UtcNow, null);

    /// <summary>A web node as the staff grain sees it: records every call and every nudge.</summary>
    private sealed class RecordingNode : INudgeObserver
    {
        private readonly ConcurrentQueue<Nudge> _received = new();
        private int _calls;

        public IReadOnlyCollection<Nudge> Received => _received;
        public int Calls => Volatile.Read(ref _calls);

        public Task OnNudgesAsync(Nudge[] nudges)
        {
            Interlocked.Increment(ref _calls);
            foreach (var nudge in nudges) _received.Enqueue(nudge);
            return Task.CompletedTask;
        }

        public Task OnSignedOutAsync(string tenant, string staffId) => Task.CompletedTask;

        public Task OnNudgesChangedAsync(string tenant, string staffId, NudgeChange[] changes) => Task.CompletedTask;
    }
}
