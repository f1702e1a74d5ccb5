using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static PrivateDomainGrains.FunctionalTests.Tags.TagJobTests;

namespace PrivateDomainGrains.FunctionalTests.Tags;

/// <summary>
/// What a tag job is given, and stopping one: each customer is one row however often it is named, two tags of one
/// exclusive group are refused together, look-alike tags are one tag, and a running job can be cancelled, keeping
/// what it did. The node works small pages one customer at a time, so a job of a few thousand rows runs long enough
/// to be cancelled in the middle.
/// </summary>
public sealed class TagJobInputTests(TagJobInputTests.Platform platform) : IClassFixture<TagJobInputTests.Platform>
{
    public sealed class Platform() : ConfiguredNodePlatform("tag-job-input", "--TagJobs:PageSize", "20", "--TagJobs:MaxConcurrentChanges", "1")
    {
        protected override async Task SeedAsync(PlatformClient client)
        {
            await client.ProvisionAsync("acme", "alice", "bob");
        }
    }

    private PlatformClient Api => platform.Client;
    private TagsClient Tags => platform.Client.Api.Tags;

    [Fact]
    public async Task A_customer_named_twice_in_an_id_list_or_a_csv_is_one_row_of_the_job()
    {
        var customers = await CustomersAsync(Api, "tji-dup", 3);
        await Api.Api.Identities.AddAsync(customers[2], new Dictionary<string, string> { ["phone"] = "13800138077" });

        var byIds = await Tags.StartJobAsync(new(Add: ["tji-dup-ids"], CustomerIds: [customers[0], customers[1], customers[0], customers[2], customers[1]]));
        var csv = await Tags.StartJobFromCsvAsync($"{customers[2]}\nphone,+86 138 0013 8077\n{customers[0]}\n{customers[2]}\n", add: ["tji-dup-csv"]);

        var ids = await CompletedAsync(Tags, byIds.JobId);
        Assert.Equal((3L, 3L, 3L), (ids.Total, ids.Done, ids.Changed));
        Assert.Equal([(1, customers[0]), (2, customers[1]), (3, customers[2])], (await Tags.ListJobRowsAsync(byIds.JobId)).Items.Select(r => (r.Seq, r.CustomerId)));
        var fromCsv = await CompletedAsync(Tags, csv.JobId);
        Assert.Equal((2L, 2L, 0L), (fromCsv.Total, fromCsv.Done, fromCsv.Failed));
        Assert.Equal([customers[2], customers[0]], (await Tags.ListJobRowsAsync(csv.JobId)).Items.Select(r => r.CustomerId));
    }

    [Fact]
    public async Task A_job_adding_two_tags_of_one_exclusive_group_is_refused_naming_both_and_nothing_starts()
    {
        await Tags.CreateGroupAsync(new("tji-skin", new Dictionary<string, string> { ["zh-CN"] = "肤质" }, Exclusive: true));
        await Tags.CreateAsync(new("tji-油皮", "tji-skin"));
        await Tags.CreateAsync(new("tji-干皮", "tji-skin"));
        var customers = await CustomersAsync(Api, "tji-excl", 2);

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() =>
            Tags.StartJobAsync(new(Add: ["tji-vip", "tji-油皮", "tji-干皮"], CustomerIds: customers)));
        var fromCsv = await Assert.ThrowsAsync<PlatformApiException>(() =>
            Tags.StartJobFromCsvAsync(string.Join("\n", customers), add: ["tji-干皮", "tji-油皮"]));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (refused.StatusCode, fromCsv.StatusCode));
        Assert.Contains("'tji-油皮' and 'tji-干皮'", refused.Problem!.Detail);
        Assert.Contains("'tji-干皮' and 'tji-油皮'", fromCsv.Problem!.Detail);
        Assert.DoesNotContain("tji-vip", (await Api.Api.Customers.GetAsync(customers[0]))!.Tags);
        var one = await CompletedAsync(Tags, (await Tags.StartJobAsync(new(Add: ["tji-vip", "tji-油皮"], CustomerIds: customers))).JobId);
        Assert.Equal(2L, one.Changed);
    }

    [Fact]
    public async Task Full_width_and_decomposed_look_alikes_of_a_tag_are_the_same_tag()
    {
        var customer = (await CustomersAsync(Api, "tji-fold", 1))[0];

        await Api.Api.Customers.AddTagsAsync(customer, ["ＶＩＰ", "Cafe\u0301", "\u3000油皮 "]);
        var view = await Api.Api.Customers.AddTagsAsync(customer, ["VIP", "Caf\u00E9", "油皮"]);
        var job = await CompletedAsync(Tags, (await Tags.StartJobAsync(new(Add: ["ＶＩＰ２"], Remove: ["ＶＩＰ"], CustomerIds: [customer]))).JobId);

        Assert.Equal(["Caf\u00E9", "VIP", "油皮"], view.Tags.Order(StringComparer.Ordinal));
        Assert.Equal(["VIP2"], job.Spec.Add);
        Assert.Equal(["VIP"], job.Spec.Remove);
        Assert.Equal(["Caf\u00E9", "VIP2", "油皮"], (await Api.Api.Customers.GetAsync(customer))!.Tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_job_stops_at_a_page_keeps_what_it_did_and_reports_cancelled()
    {
        var customers = await CustomersAsync(Api, "tji-cancel", 2_000, owner: "bob");
        var accepted = await Tags.StartJobAsync(new(Add: ["tji-stopped"], CustomerIds: customers));

        var cancelled = await Tags.CancelJobAsync(accepted.JobId);

        Assert.Equal("cancelled", cancelled.State);
        Assert.True(cancelled.Done + cancelled.Failed < cancelled.Total, $"{cancelled.Done} of {cancelled.Total} done: the job was not stopped");
        Assert.NotNull(cancelled.FinishedAt);
        var rows = await AllRowsAsync(Tags, accepted.JobId);
        Assert.Equal(cancelled.Changed, rows.Count(r => r.Status == "changed"));
        Assert.Equal(cancelled.Total - cancelled.Done - cancelled.Failed, rows.Count(r => r.Status == "pending"));
        Assert.Equal(cancelled.Changed, (await Tags.ListAsync()).Items.SingleOrDefault(t => t.Tag == "tji-stopped")?.Holders ?? 0);
        Assert.Equal(Counts(cancelled), Counts(await Tags.CancelJobAsync(accepted.JobId)));
        Assert.Equal(Counts(cancelled), Counts(await Tags.GetJobAsync(accepted.JobId)));
    }

    private static (string, long, long, long, DateTimeOffset?) Counts(TagJobView job) => (job.State, job.Done, job.Changed, job.Failed, job.FinishedAt);

    [Fact]
    public async Task Only_a_running_batch_can_be_cancelled_and_a_manager_cancels_only_their_own()
    {
        var customers = await CustomersAsync(Api, "tji-done", 2);
        var completed = await CompletedAsync(Tags, (await Tags.StartJobAsync(new(Add: ["tji-done"], CustomerIds: customers))).JobId);
        await Api.Api.Staff.CreateAsync(new CreateStaffRequest("tji-mona", PlatformClient.StaffPassword, Role: "manager"));
        var mona = Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("tji-mona")).Tags;
        var alice = Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("alice")).Tags;

        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<PlatformApiException>(() => Tags.CancelJobAsync(completed.JobId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PlatformApiException>(() => Tags.CancelJobAsync("tji-no-such-job"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PlatformApiException>(() => mona.CancelMyJobAsync(completed.JobId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<PlatformApiException>(() => alice.CancelMyJobAsync(completed.JobId))).StatusCode);
        Assert.Equal("completed", (await Tags.GetJobAsync(completed.JobId)).State);
    }
}
