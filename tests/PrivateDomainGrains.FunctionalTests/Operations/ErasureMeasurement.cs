using System.Diagnostics;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.WeCom;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// A property check and a measurement driver, not a speed assertion: in one host process, customers built through the
/// API with N journaled events each (a <c>friend.added</c>, then <c>message.received</c> in requests of 1,000, each
/// raising or replacing a reply nudge), a phone identity and a tag, then erased one by one with
/// <c>DELETE .../customers/{id}/personal-data</c>. Every erasure must report the N journal rows and the identity (the
/// property); the figures (each DELETE's time as the client saw it, then median, min and max) go to the test output.
/// PDG_ERASE_MEASURE_EVENTS sets N (default 1,000; 10,000 for the README's figure), PDG_ERASE_MEASURE_RUNS the number of
/// customers (default 3). Run with <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public sealed class ErasureMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const int RequestSize = 1_000;
    private static readonly int EventsPerCustomer = Setting("PDG_ERASE_MEASURE_EVENTS", 1_000);
    private static readonly int Runs = Setting("PDG_ERASE_MEASURE_RUNS", 3);

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = NodeSettings.Fresh(_database.ConnectionString, "erase-measure");
        _host = HostProcess.Start(settings, [.. WeComPlatform.Unlimited]);
        await _host.WaitUntilHealthyAsync();
        _api = new PlatformClient(settings.BaseAddress);
        await _api.ProvisionAsync("erase", "alice");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        _host.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Erasing_customers_with_many_events_removes_every_journal_row_and_the_time_of_each_erasure_is_reported()
    {
        var times = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var customer = $"big-{run}";
            Assert.Equal(1, (await _api.PostEventsAsync(Events.FriendAdded($"{customer}-add", customer, "alice", nickname: "Big"))).Accepted);
            foreach (var chunk in Enumerable.Range(1, EventsPerCustomer - 1).Chunk(RequestSize))
                Assert.Equal(chunk.Length, (await _api.PostEventsAsync([.. chunk.Select(i => Events.MessageReceived($"{customer}-m{i}", customer, $"message {i}"))])).Accepted);
            await _api.Api.Identities.AddAsync(customer, new Dictionary<string, string> { ["phone"] = $"+861380000{run:D4}" });
            await _api.Api.Customers.AddTagsAsync(customer, ["vip"]);

            var started = Stopwatch.GetTimestamp();
            var report = await _api.Api.PersonalData.EraseAsync(customer);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            times.Add(elapsed);

            Assert.Equal(EventsPerCustomer, report.Rows["pdg_event_journal"]);
            Assert.Equal(1, report.Rows["pdg_identities"]);
            Assert.Null(await _api.Api.PersonalData.ExportAsync(customer));
            output.WriteLine($"erase {customer}: {elapsed:F0} ms, rows {string.Join(", ", report.Rows.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value}"))}");
        }
        var sorted = times.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        output.WriteLine($"erase of a customer with {EventsPerCustomer:N0} events, {Runs} runs: median {median:F0} ms [min {sorted[0]:F0} - max {sorted[^1]:F0}]");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
