using System.Text.Json;
using PrivateDomainGrains.Core;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Workload;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.Benchmarks;

/// <summary>
/// Retained managed bytes per resident customer profile, which BenchmarkDotNet's allocation counts cannot show.
/// Customers get the load tool's provisioning friend.added, then events of its default mix (random customers, so
/// some get more than others); each event's strings are fresh copies, as they would be off the wire. "live" is the
/// profiles as events left them; "loaded" is the same profiles after a snapshot round trip through the grain's
/// storage serializer, as a re-activated grain holds them (the grain's serializer uses <see cref="StateJson"/>). Orleans' own per-activation cost is not included.
/// </summary>
internal static class CustomerFootprint
{
    private const int Seed = 1;
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    public static void Run(int customers)
    {
        Console.WriteLine($"Retained bytes per customer profile, {customers:N0} customers (managed heap, GC.GetTotalMemory(true) delta / N)");
        Console.WriteLine($"{"scenario",-38} {"live",8} {"loaded",8} {"snapshot",9}");
        Measure("activate: friend.added + page.viewed", customers, 1, EventMix.PageViewsOnly, eachCustomerOnce: true);
        Measure("steady: friend.added + ~5 events", customers, 5, EventMix.Default, eachCustomerOnce: false);
        Measure("busy: friend.added + ~100 events", customers / 10, 100, EventMix.Default, eachCustomerOnce: false);
    }

    private static void Measure(string scenario, int customers, int eventsPerCustomer, EventMix mix, bool eachCustomerOnce)
    {
        var roster = new StaffRoster(10);
        var profiles = new CustomerProfile[customers];
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < customers; i++)
        {
            profiles[i] = new CustomerProfile { CustomerId = StaffRoster.CustomerId(i) };
            Fold(profiles[i], EventGenerator.ProvisioningEvent(i, roster, Start), 1);
        }
        var generator = new EventGenerator(Seed, customers, roster, mix, eachCustomerOnce);
        var at = Start;
        for (long n = 0; n < (long)customers * eventsPerCustomer; n++)
        {
            at = at.AddSeconds(7);
            var e = generator.Next(n, at);
            var profile = profiles[int.Parse(e.CustomerId.AsSpan(2))];
            Fold(profile, e, profile.JournalSequence + 1);
        }
        var live = GC.GetTotalMemory(forceFullCollection: true) - before;

        long snapshotBytes = 0;
        for (var i = 0; i < customers; i++)
        {
            var snapshot = JsonSerializer.SerializeToUtf8Bytes(profiles[i], StateJson.Options);
            snapshotBytes += snapshot.Length;
            profiles[i] = JsonSerializer.Deserialize<CustomerProfile>(snapshot, StateJson.Options)!;
        }
        var loaded = GC.GetTotalMemory(forceFullCollection: true) - before;

        Console.WriteLine($"{scenario,-38} {live / customers,8:N0} {loaded / customers,8:N0} {snapshotBytes / customers,9:N0}");
        GC.KeepAlive(profiles);
    }

    private static void Fold(CustomerProfile profile, PostedEvent e, long sequence)
    {
        var copy = new CustomerEvent(Copy(e.Id), Copy(e.CustomerId!), Copy(e.Type), e.At!.Value, Copy(e.Channel),
            Copy(e.StaffId), Copy(e.Text), e.Data?.ToDictionary(kv => Copy(kv.Key), kv => Copy(kv.Value)));
        DecisionEngine.Decide(CompiledPlaybook.Default, profile, EngineInput.FromEvent(copy, sequence), new DecisionContext(copy.At));
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(s))]
    private static string? Copy(string? s) => s is null ? null : new string(s.AsSpan());
}
