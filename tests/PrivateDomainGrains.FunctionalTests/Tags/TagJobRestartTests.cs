using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static PrivateDomainGrains.FunctionalTests.Tags.TagJobTests;

namespace PrivateDomainGrains.FunctionalTests.Tags;

/// <summary>A tag job whose host dies in the middle resumes on the next start and finishes with exact counts.</summary>
public sealed class TagJobRestartTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_tag_job_interrupted_by_killing_its_host_resumes_after_the_restart_and_finishes_with_exact_counts()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "tag-job-restart");
        using var api = new PlatformClient(settings.BaseAddress);
        string jobId;
        using (var host = HostProcess.Start(settings, "--TagJobs:PageSize", "50", "--TagJobs:MaxConcurrentChanges", "1"))
        {
            await host.WaitUntilHealthyAsync();
            await api.ProvisionAsync("acme", "alice");
            await CustomersAsync(api, "tr", 3_000);
            jobId = (await api.Api.Tags.StartJobAsync(new(Add: ["tr-spring"], Filter: new(Owner: "alice")))).JobId;
            // Killed once some pages are saved and most are not: one at a time, 3,000 customers take seconds.
            for (var deadline = DateTime.UtcNow.AddMinutes(1); (await api.Api.Tags.GetJobAsync(jobId)).Done < 300; await Task.Delay(20))
                Assert.True(DateTime.UtcNow < deadline, "the job made no progress");
            host.Kill();
        }

        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            var job = await CompletedAsync(api.Api.Tags, jobId);

            Assert.Equal((3_000L, 3_000L, 0L), (job.Total, job.Done, job.Failed));
            // The customers of the page in flight at the kill were changed but not yet recorded: worked again, they
            // find their tags as asked. At most one page of them (50) counts as unchanged.
            Assert.InRange(job.Changed, 3_000L - 50, 3_000L);
            var rows = await AllRowsAsync(api.Api.Tags, jobId);
            Assert.Equal(job.Changed, rows.Count(r => r.Status == "changed"));
            Assert.Equal(3_000L - job.Changed, rows.Count(r => r.Status == "unchanged"));
            Assert.Equal(3_000L, Assert.Single((await api.Api.Tags.ListAsync()).Items, t => t.Tag == "tr-spring").Holders);
        }
    }
}
