using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.WeCom;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// A measurement driver, not a speed assertion: one host process over an identity index of <c>3 x customers</c> rows
/// (unionid, external_userid and phone per customer, inserted by SQL), then (1) lookups by phone in a national
/// spelling through the API, one at a time: latency p50/p95/p99; (2) orders naming only a known phone, posted in
/// batches of 500 by 8 senders: orders per second, end to end and durable. It asserts only that every lookup found its
/// customer and every order was accepted. PDG_IDENTITY_MEASURE_CUSTOMERS sets the customers (default 20,000, fit for
/// CI; 1000000 for the issue's figure); run with <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public sealed class IdentityMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int Customers = int.TryParse(Environment.GetEnvironmentVariable("PDG_IDENTITY_MEASURE_CUSTOMERS"), out var c) && c > 0 ? c : 20_000;
    private const int Senders = 8, OrdersPerRequest = 500;

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = NodeSettings.Fresh(_database.ConnectionString, "identity-measure");
        _host = HostProcess.Start(settings, WeComPlatform.Unlimited);
        await _host.WaitUntilHealthyAsync();
        _api = new PlatformClient(settings.BaseAddress);
        await _api.ProvisionAsync("acme", "alice");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        _host.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>Customer n's phone: a valid Chinese mobile number, 138 then n in 8 digits.</summary>
    private static string NationalPhone(int n) => "138 " + n.ToString("D8", CultureInfo.InvariantCulture).Insert(4, " ");

    [Fact]
    public async Task Phone_lookups_and_orders_by_phone_resolve_every_time_and_their_latency_and_rate_are_reported()
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var seeding = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand("""
                INSERT INTO pdg_identities (tenant, kind, value, customer_id, source)
                SELECT 'acme', k.kind, CASE k.kind WHEN 'phone' THEN '+86138' || lpad(n::text, 8, '0') ELSE k.prefix || n END, 'c' || n, 'import'
                FROM generate_series(1, $1) n, (VALUES ('unionid', 'o6_'), ('external_userid', 'wm'), ('phone', '')) AS k(kind, prefix)
                """, connection) { CommandTimeout = 0 };
            seed.Parameters.Add(new() { Value = Customers });
            await seed.ExecuteNonQueryAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE pdg_identities", connection);
            await analyze.ExecuteNonQueryAsync();
        }
        seeding.Stop();

        var random = new Random(14);
        for (var i = 0; i < 50; i++) await _api.Api.Identities.LookupAsync("phone", NationalPhone(random.Next(1, Customers + 1)));
        var lookups = 2_000;
        var latencies = new List<double>(lookups);
        for (var i = 0; i < lookups; i++)
        {
            var n = random.Next(1, Customers + 1);
            var started = Stopwatch.GetTimestamp();
            var found = await _api.Api.Identities.LookupAsync("phone", NationalPhone(n));
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.Equal($"c{n}", found?.CustomerId);
        }

        var orders = Math.Max(2_000, Customers / 20);
        var next = 0;
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            var mine = new Random(Environment.CurrentManagedThreadId);
            while (Interlocked.Add(ref next, OrdersPerRequest) - OrdersPerRequest is var first && first < orders)
            {
                var batch = Enumerable.Range(first, Math.Min(OrdersPerRequest, orders - first)).Select(i => new PostedEvent(
                    $"m-order-{i}", null, "order.paid", Channel: "shop",
                    Identities: new Dictionary<string, string> { ["phone"] = NationalPhone(mine.Next(1, Customers + 1)) },
                    Data: new Dictionary<string, string> { ["orderId"] = $"M{i}", ["amount"] = "99", ["currency"] = "CNY" })).ToArray();
                var answer = await _api.Api.Events.PostAsync(batch);
                Interlocked.Add(ref accepted, answer.Accepted);
            }
        }));
        clock.Stop();

        Assert.Equal(orders, accepted);
        latencies.Sort();
        double At(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
        output.WriteLine($"machine: {Environment.ProcessorCount} cores; /proc/loadavg before: {load}; after: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine($"index: {Customers:N0} customers, {3 * Customers:N0} identities, seeded by SQL in {seeding.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"lookup by phone (national spelling) through the API, one at a time, {lookups}: p50 {At(0.5):F2} ms, p95 {At(0.95):F2} ms, p99 {At(0.99):F2} ms");
        output.WriteLine($"orders naming only a known phone, {orders:N0} in requests of {OrdersPerRequest} by {Senders} senders: {orders / clock.Elapsed.TotalSeconds:F0}/s end to end, durable");
    }
}
