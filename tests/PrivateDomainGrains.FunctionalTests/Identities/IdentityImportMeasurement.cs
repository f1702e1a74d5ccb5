using System.Diagnostics;
using System.Text;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using Xunit.Abstractions;
using static PrivateDomainGrains.FunctionalTests.Identities.IdentityImportTests;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// A measurement driver, not a speed assertion: one host process imports a CSV upload of <c>rows</c> phones of as many
/// customers through <c>POST .../identity-imports</c>, and reports the upload (streamed into staging, until the 202)
/// and the job (until completed) in rows per second. It asserts only that every row was added.
/// PDG_IDENTITY_IMPORT_ROWS sets the rows (default 20,000, fit for CI; 1000000 for the figure); run with
/// <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public sealed class IdentityImportMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int Rows = int.TryParse(Environment.GetEnvironmentVariable("PDG_IDENTITY_IMPORT_ROWS"), out var r) && r > 0 ? r : 20_000;

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = NodeSettings.Fresh(_database.ConnectionString, "identity-import-measure");
        _host = HostProcess.Start(settings);
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

    [Fact]
    public async Task An_import_of_many_rows_adds_every_one_and_its_rate_is_reported()
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var upload = Encoding.UTF8.GetBytes(PhoneCsv("im", Rows));

        // A large upload takes longer than HttpClient's default 100 s on a busy machine.
        using var http = new HttpClient { BaseAddress = _api.Api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var identities = new PrivateDomainGrainsClient(http, new PrivateDomainGrainsClientOptions()).WithTenant(_api.Tenant, _api.ApiKey, _api.AdminKey).Identities;
        var total = Stopwatch.StartNew();
        var accepted = await identities.StartImportAsync(new MemoryStream(upload), IdentityImportFormats.Csv, createCustomers: true);
        var staged = total.Elapsed;
        var job = await CompletedAsync(_api.Api.Identities, accepted.JobId, TimeSpan.FromMinutes(60));
        total.Stop();

        Assert.Equal(((long)Rows, (long)Rows), (job.Read, job.Added));
        var worked = job.FinishedAt!.Value - job.StartedAt;
        output.WriteLine($"identity import of {Rows:N0} rows ({upload.Length / 1024.0 / 1024.0:F1} MiB CSV), load average before: {load}");
        output.WriteLine($"  upload streamed into staging: {staged.TotalSeconds:F1} s ({Rows / staged.TotalSeconds:N0} rows/s)");
        output.WriteLine($"  job adding to the index: {worked.TotalSeconds:F1} s ({Rows / worked.TotalSeconds:N0} rows/s)");
        output.WriteLine($"  end to end: {total.Elapsed.TotalSeconds:F1} s ({Rows / total.Elapsed.TotalSeconds:N0} rows/s)");
    }
}
