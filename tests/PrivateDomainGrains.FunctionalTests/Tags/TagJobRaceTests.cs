using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static PrivateDomainGrains.FunctionalTests.Tags.TagJobTests;

namespace PrivateDomainGrains.FunctionalTests.Tags;

/// <summary>
/// A batch job and a catalog change of one of its tags never run at once (issue 17): otherwise the batch went on adding
/// a tag the catalog had deleted or renamed away. The node works small pages one customer at a time, so a batch over
/// 2,000 customers is still running when the catalog change arrives; after both finish, no customer holds a tag the
/// catalog took away.
/// </summary>
public sealed class TagJobRaceTests(TagJobRaceTests.Platform platform) : IClassFixture<TagJobRaceTests.Platform>
{
    public sealed class Platform() : ConfiguredNodePlatform("tag-job-race", "--TagJobs:PageSize", "20", "--TagJobs:MaxConcurrentChanges", "1")
    {
        protected override async Task SeedAsync(PlatformClient client)
        {
            await client.ProvisionAsync("acme", "alice", "bob");
        }
    }

    private const int Many = 2_000;

    private PlatformClient Api => platform.Client;
    private TagsClient Tags => platform.Client.Api.Tags;

    [Fact]
    public async Task Deleting_a_tag_a_running_batch_adds_is_a_409_naming_the_batch_and_a_batch_adding_a_tag_being_deleted_is_one_too()
    {
        await Tags.CreateAsync(new("临时"));
        var customers = await CustomersAsync(Api, "tjr-del", Many);
        var batch = await Tags.StartJobAsync(new(Add: ["临时"], CustomerIds: customers));

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.DeleteAsync("临时"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(["tag"], refused.Problem!.Errors!.Keys);
        Assert.Contains(batch.JobId, refused.Problem.Detail);
        Assert.Contains("临时", (await Tags.ListAsync()).Items.Select(t => t.Tag));
        Assert.Equal(Many, (await CompletedAsync(Tags, batch.JobId, TimeSpan.FromMinutes(5))).Changed);

        // Once the batch is over the delete goes through; while its holders' job runs, a batch adding the tag is refused.
        var delete = await Tags.DeleteAsync("临时");
        var again = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.StartJobAsync(new(Add: ["临时"], CustomerIds: customers[..10])));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["add"], again.Problem!.Errors!.Keys);
        Assert.Contains(delete.JobId, again.Problem.Detail);
        await CompletedAsync(Tags, delete.JobId, TimeSpan.FromMinutes(5));
        Assert.DoesNotContain("临时", (await Tags.ListAsync()).Items.Select(t => t.Tag));
    }

    [Fact]
    public async Task Renaming_or_merging_a_tag_a_running_batch_removes_or_renaming_into_a_tag_it_adds_is_a_409_naming_the_batch()
    {
        var customers = await CustomersAsync(Api, "tjr-ren", Many);
        await CompletedAsync(Tags, (await Tags.StartJobAsync(new(Add: ["tjr-旧"], CustomerIds: customers))).JobId, TimeSpan.FromMinutes(5));
        await Api.Api.Customers.AddTagsAsync(customers[0], ["tjr-其他"]);
        var batch = await Tags.StartJobAsync(new(Add: ["tjr-新"], Remove: ["tjr-旧"], CustomerIds: customers));

        var renamed = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.RenameAsync("tjr-旧", "tjr-改"));
        var merged = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.MergeAsync("tjr-旧", "tjr-其他"));
        var into = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.RenameAsync("tjr-其他", "tjr-新"));

        Assert.All([renamed, merged, into], e => Assert.Equal((HttpStatusCode.Conflict, "tag"), (e.StatusCode, Assert.Single(e.Problem!.Errors!.Keys))));
        Assert.All([renamed, merged, into], e => Assert.Contains(batch.JobId, e.Problem!.Detail));
        await CompletedAsync(Tags, batch.JobId, TimeSpan.FromMinutes(5));
        var held = (await Tags.ListAsync()).Items.ToDictionary(t => t.Tag, t => t.Holders);
        Assert.Equal((Many, false, false), (held["tjr-新"], held.ContainsKey("tjr-旧"), held.ContainsKey("tjr-改")));
        // The batch over, the rename goes through.
        await CompletedAsync(Tags, (await Tags.RenameAsync("tjr-新", "tjr-改")).JobId, TimeSpan.FromMinutes(5));
        held = (await Tags.ListAsync()).Items.ToDictionary(t => t.Tag, t => t.Holders);
        Assert.Equal((Many, false), (held["tjr-改"], held.ContainsKey("tjr-新")));
    }

    [Fact]
    public async Task An_exclusive_group_whose_tag_a_running_batch_adds_keeps_its_exclusivity_until_the_batch_is_over()
    {
        await Tags.CreateGroupAsync(new("tjr-skin", new Dictionary<string, string> { ["zh-CN"] = "肤质" }, Exclusive: true));
        await Tags.CreateAsync(new("tjr-油皮", "tjr-skin"));
        await Tags.CreateAsync(new("tjr-干皮", "tjr-skin"));
        var customers = await CustomersAsync(Api, "tjr-grp", Many);
        var batch = await Tags.StartJobAsync(new(Add: ["tjr-干皮"], CustomerIds: customers));

        var deleted = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.DeleteGroupAsync("tjr-skin"));
        var unexclusive = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.UpdateGroupAsync("tjr-skin", new(Exclusive: false)));
        var moved = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.UpdateAsync("tjr-干皮", new(GroupId: "")));

        Assert.Equal([("groupId", HttpStatusCode.Conflict), ("exclusive", HttpStatusCode.Conflict), ("groupId", HttpStatusCode.Conflict)],
            new[] { deleted, unexclusive, moved }.Select(e => (Assert.Single(e.Problem!.Errors!.Keys), e.StatusCode)));
        Assert.All([deleted, unexclusive, moved], e => Assert.Contains(batch.JobId, e.Problem!.Detail));
        Assert.True(Assert.Single((await Tags.ListGroupsAsync()).Items, g => g.GroupId == "tjr-skin").Exclusive);
        await CompletedAsync(Tags, batch.JobId, TimeSpan.FromMinutes(5));
        await Tags.DeleteGroupAsync("tjr-skin");
        Assert.DoesNotContain((await Tags.ListGroupsAsync()).Items, g => g.GroupId == "tjr-skin");
    }

    [Fact]
    public async Task A_tag_job_with_several_bad_fields_names_every_one_of_them_at_once()
    {
        await Tags.CreateGroupAsync(new("tjr-hair", new Dictionary<string, string> { ["zh-CN"] = "发质" }, Exclusive: true));
        await Tags.CreateAsync(new("tjr-直发", "tjr-hair"));
        await Tags.CreateAsync(new("tjr-卷发", "tjr-hair"));

        var clashAndId = await Assert.ThrowsAsync<PlatformApiException>(() =>
            Tags.StartJobAsync(new(Add: ["tjr-直发", "tjr-卷发"], CustomerIds: ["tjr-ok", "not an id!", "also/bad"])));
        var tagsAndFilter = await Assert.ThrowsAsync<PlatformApiException>(() =>
            Tags.StartJobAsync(new(Add: ["", "tjr-ok", "\u0007"], Remove: ["tjr-ok"], Filter: new(Owner: "no owner!", Tier: "Gold"))));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (clashAndId.StatusCode, tagsAndFilter.StatusCode));
        Assert.Equal(["add", "customerIds[1]", "customerIds[2]"], clashAndId.Problem!.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'tjr-直发' and 'tjr-卷发'", clashAndId.Problem.Detail);
        Assert.Contains("customerIds[2]", clashAndId.Problem.Detail);
        Assert.Equal(["add[0]", "add[2]", "filter.owner", "filter.tier"], tagsAndFilter.Problem!.Errors!.Keys.Order(StringComparer.Ordinal));
    }
}
