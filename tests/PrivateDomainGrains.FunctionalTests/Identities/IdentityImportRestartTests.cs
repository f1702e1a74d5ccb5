using System.Text;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static PrivateDomainGrains.FunctionalTests.Identities.IdentityImportTests;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>An identity import whose host dies in the middle resumes on the next start and finishes with every row accounted for.</summary>
public sealed class IdentityImportRestartTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task An_import_interrupted_by_killing_its_host_resumes_after_the_restart_and_every_row_ends_added_once()
    {
        const int Rows = 20_000;
        var settings = NodeSettings.Fresh(_database.ConnectionString, "identity-import-restart");
        using var api = new PlatformClient(settings.BaseAddress);
        string jobId;
        using (var host = HostProcess.Start(settings, "--IdentityImports:PageSize", "100"))
        {
            await host.WaitUntilHealthyAsync();
            await api.ProvisionAsync("acme", "alice");
            jobId = (await api.Api.Identities.StartImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(PhoneCsv("ir", Rows))), IdentityImportFormats.Csv, createCustomers: true)).JobId;
            // Killed once some pages are saved and most are not: 100 rows a page, 200 pages.
            for (var deadline = DateTime.UtcNow.AddMinutes(1); (await api.Api.Identities.GetImportAsync(jobId)).Added < 1_000; await Task.Delay(20))
                Assert.True(DateTime.UtcNow < deadline, "the import made no progress");
            host.Kill();
        }

        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            var job = await CompletedAsync(api.Api.Identities, jobId);

            Assert.Equal((long)Rows, job.Read);
            Assert.Equal((long)Rows, job.Added + job.Unchanged);
            Assert.Equal((0L, 0L), (job.Refused, job.Conflicts));
            // The rows of the page in flight at the kill were added but not yet recorded: added again, they are found
            // already there. At most one page of them (100) counts as unchanged.
            Assert.InRange(job.Added, Rows - 100L, Rows);
            Assert.Empty((await api.Api.Identities.ListImportRowsAsync(jobId, state: "pending")).Items);
            Assert.Equal("ir-0", (await api.Api.Identities.LookupAsync("phone", "13500000000"))!.CustomerId);
            Assert.Equal($"ir-{Rows - 1}", (await api.Api.Identities.LookupAsync("phone", $"135{Rows - 1:D8}"))!.CustomerId);
        }
    }
}
