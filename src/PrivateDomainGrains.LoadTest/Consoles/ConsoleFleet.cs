using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Consoles;

/// <summary>
/// The staff consoles: SignalR connections to <c>/hubs/console</c>, spread round-robin over staff and nodes.
/// Each records every nudge it gets and acknowledges it at once, as a diligent staff member would, so the
/// server's inboxes drain and replays stay small.
/// </summary>
public sealed class ConsoleFleet(
    IReadOnlyList<PlatformApiClient> nodes,
    StaffRoster roster,
    string tenant,
    string password,
    RunClock clock,
    RunCounters counters,
    LiveLatency nudgeLatency,
    DueTimes dueTimes,
    ErrorLog errors) : IAsyncDisposable
{
    private readonly ConcurrentQueue<NudgeArrival> _arrivals = new();
    private readonly List<HubConnection> _connections = [];
    private readonly HashSet<string> _connectedStaff = new(StringComparer.Ordinal);

    public IReadOnlyList<NudgeArrival> Arrivals => _arrivals.ToArray();

    public IReadOnlySet<string> ConnectedStaff => _connectedStaff;

    public int Connected => _connections.Count;

    public async Task ConnectAsync(int consoles, CancellationToken ct)
    {
        var tokens = new ConcurrentDictionary<string, Task<ConsoleToken>>(StringComparer.Ordinal);
        var connected = new ConcurrentBag<(int Index, string Staff, HubConnection Connection)>();
        await Parallel.ForAsync(0, consoles, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            var staff = roster.StaffOfConsole(i);
            var node = nodes[i % nodes.Count];
            var access = await tokens.GetOrAdd(staff, s => node.GetConsoleTokenAsync(tenant, s, password, token));
            var connection = Build(node.BaseAddress, access.AccessToken, i, staff);
            await connection.StartAsync(token);
            connected.Add((i, staff, connection));
        });
        foreach (var (_, staff, connection) in connected.OrderBy(c => c.Index))
        {
            _connections.Add(connection);
            _connectedStaff.Add(staff);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        _connections.Clear();
    }

    private HubConnection Build(Uri node, string accessToken, int index, string staff)
    {
        // The contract names the query parameter; the token provider adds the header for negotiate too.
        var url = new Uri(node, $"hubs/console?access_token={Uri.EscapeDataString(accessToken)}");
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .WithAutomaticReconnect()
            .Build();
        connection.On<JsonElement>("nudges", nudges => OnNudges(connection, nudges, index, staff));
        connection.Reconnecting += error =>
        {
            if (error is not null) errors.Record($"console {index}", error);
            return Task.CompletedTask;
        };
        connection.Reconnected += _ =>
        {
            counters.Reconnected();
            return Task.CompletedTask;
        };
        return connection;
    }

    private void OnNudges(HubConnection connection, JsonElement nudges, int index, string staff)
    {
        var arrived = clock.NowTicks;
        if (nudges.ValueKind != JsonValueKind.Array)
        {
            counters.ConsoleError();
            errors.Record($"console {index}", new InvalidDataException("nudges that are not an array"));
            return;
        }
        foreach (var nudge in nudges.EnumerateArray()) OnNudge(connection, nudge, index, staff, arrived);
    }

    private void OnNudge(HubConnection connection, JsonElement nudge, int index, string staff, long arrived)
    {
        var id = Text(nudge, "id");
        var eventId = Text(nudge, "eventId");
        if (id is null)
        {
            counters.ConsoleError();
            errors.Record($"console {index}", new InvalidDataException("nudge without an id"));
            return;
        }
        _arrivals.Enqueue(new NudgeArrival(id, eventId, Text(nudge, "kind"), Text(nudge, "staffId"), staff, index, arrived, Text(nudge, "customerId")));
        counters.NudgeReceived();
        if (eventId is not null && dueTimes.TryGet(eventId, out var due)) nudgeLatency.Record(arrived - due);
        _ = AckAsync(connection, id, index);
    }

    private async Task AckAsync(HubConnection connection, string nudgeId, int index)
    {
        try
        {
            await connection.SendAsync("Ack", nudgeId);
            counters.AckSent();
        }
        catch (Exception e)
        {
            counters.AckFailed();
            errors.Record($"console {index} ack", e);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && (element.TryGetProperty(name, out var value) || TryGetIgnoringCase(element, name, out value))
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool TryGetIgnoringCase(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
