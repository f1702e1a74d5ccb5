using System.Net;
using System.Text;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Cancelling an identity import (issue 14) through a real node whose imports go 10 rows a page: it stops before its
/// next page, keeps what it did, marks the rest cancelled with their values masked (a cancelled import will never add
/// them, so it keeps no personal value of theirs) and says cancelled.
/// </summary>
public sealed class IdentityImportCancelTests(IdentityImportCancelTests.Platform platform) : IClassFixture<IdentityImportCancelTests.Platform>
{
    public sealed class Platform() : ConfiguredNodePlatform("identity-import-cancel", "--IdentityImports:PageSize", "10")
    {
        protected override async Task SeedAsync(PlatformClient client)
        {
            await client.ProvisionAsync("acme", "alice");
        }
    }

    private IdentitiesClient Identities => platform.Client.Api.Identities;

    private static MemoryStream Upload(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_cancelled_import_stops_before_its_next_page_keeps_what_it_added_marks_the_rest_cancelled_masked_and_reports_cancelled()
    {
        var accepted = await Identities.StartImportAsync(Upload(IdentityImportTests.PhoneCsv("iic", 3_000)), IdentityImportFormats.Csv, createCustomers: true);

        var cancelled = await Identities.CancelImportAsync(accepted.JobId);

        Assert.Equal("cancelled", cancelled.State);
        Assert.NotNull(cancelled.FinishedAt);
        var worked = cancelled.Added + cancelled.Unchanged + cancelled.Refused + cancelled.Conflicts;
        Assert.True(worked < cancelled.Read, $"{worked} of {cancelled.Read} rows worked: the import was not stopped");
        var left = await RowsAsync(accepted.JobId, "cancelled");
        Assert.Equal((cancelled.Read - worked, 0, cancelled.Added), (left.Count, (await RowsAsync(accepted.JobId, "pending")).Count, (await RowsAsync(accepted.JobId, "added")).Count));
        Assert.All(left, row => Assert.Matches(@"^\+86\*{8}\d{3}$", row.Value));
        Assert.Null(await Identities.LookupAsync("phone", "13500002999"));
        Assert.Equal((cancelled.State, cancelled.Added, cancelled.FinishedAt), Final(await Identities.CancelImportAsync(accepted.JobId)));
        Assert.Equal((cancelled.State, cancelled.Added, cancelled.FinishedAt), Final(await Identities.GetImportAsync(accepted.JobId)));
    }

    [Fact]
    public async Task Only_a_running_import_can_be_cancelled()
    {
        var completed = await IdentityImportTests.CompletedAsync(Identities,
            (await Identities.StartImportAsync(Upload(IdentityImportTests.PhoneCsv("iic-done", 2, first: 10_000)), IdentityImportFormats.Csv, createCustomers: true)).JobId);

        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<PlatformApiException>(() => Identities.CancelImportAsync(completed.JobId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PlatformApiException>(() => Identities.CancelImportAsync("iic-no-such-job"))).StatusCode);
        Assert.Equal("completed", (await Identities.GetImportAsync(completed.JobId)).State);
    }

    private static (string, long, DateTimeOffset?) Final(IdentityImportView job) => (job.State, job.Added, job.FinishedAt);

    private async Task<List<IdentityImportRowItem>> RowsAsync(string jobId, string state)
    {
        List<IdentityImportRowItem> rows = [];
        for (long? after = 0; after is { } from;)
        {
            var page = await Identities.ListImportRowsAsync(jobId, state: state, after: from, limit: 1_000);
            rows.AddRange(page.Items);
            after = page.NextAfter;
        }
        return rows;
    }
}
