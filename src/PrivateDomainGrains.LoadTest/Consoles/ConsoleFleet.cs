using PrivateDomainGrains.Client;
using System.Collections.Concurrent;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Consoles;

/// <summary>
/// The staff consoles: SignalR connections to <c>/hubs/console</c>, spread round-robin over staff and nodes.
/// Each records every nudge it gets and acknowledges it at once, as a diligent staff member would, so the
/// server's inboxes drain and replays stay small. A console whose node goes away reconnects to another
/// (<see cref="ConsoleClient"/>). With <paramref name="confirmAcks"/> each Ack is an invocation whose completion is
/// recorded, so a nudge sent again after its Ack was processed can be told from a replay of one still open.
/// </summary>
public sealed class ConsoleFleet(
    NodePool nodes,
    StaffRoster roster,
    string tenant,
    string password,
    RunClock clock,
    RunCounters counters,
    LiveLatency nudgeLatency,
    DueTimes dueTimes,
    ErrorLog errors,
    bool confirmAcks = false) : IAsyncDisposable
{
    private readonly ConcurrentQueue<NudgeArrival> _arrivals = new();
    private readonly ConcurrentQueue<AckConfirmation> _acks = new();
    private readonly List<ConsoleClient> _consoles = [];
    private readonly HashSet<string> _connectedStaff = new(StringComparer.Ordinal);

    public IReadOnlyList<NudgeArrival> Arrivals => _arrivals.ToArray();

    public IReadOnlyList<AckConfirmation> AckConfirmations => _acks.ToArray();

    /// <summary>Every connection every console had, in console order.</summary>
    public IReadOnlyList<ConsoleSession> Sessions => _consoles.SelectMany(c => c.Sessions).ToArray();

    public IReadOnlySet<string> ConnectedStaff => _connectedStaff;

    public int Connected => _consoles.Count;

    public async Task ConnectAsync(int consoles, CancellationToken ct)
    {
        var tokens = new ConcurrentDictionary<string, Task<ConsoleToken>>(StringComparer.Ordinal);
        var connected = new ConcurrentBag<(int Index, ConsoleClient Console)>();
        await Parallel.ForAsync(0, consoles, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            var staff = roster.StaffOfConsole(i);
            var node = nodes.Nodes[i % nodes.Nodes.Count];
            var access = await tokens.GetOrAdd(staff, s => node.Api.WithTenant(tenant, null).Auth.SignInAsync(s, password, token));
            var console = new ConsoleClient(i, staff, access.AccessToken, nodes, confirmAcks, clock, counters, OnNudge, _acks.Enqueue, errors);
            await console.StartAsync(node, token);
            connected.Add((i, console));
        });
        foreach (var (_, console) in connected.OrderBy(c => c.Index))
        {
            _consoles.Add(console);
            _connectedStaff.Add(console.Staff);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var console in _consoles) await console.DisposeAsync();
    }

    private void OnNudge(NudgeArrival arrival)
    {
        _arrivals.Enqueue(arrival);
        counters.NudgeReceived();
        if (arrival.EventId is not null && dueTimes.TryGet(arrival.EventId, out var due)) nudgeLatency.Record(arrival.ArrivedTicks - due);
    }
}
