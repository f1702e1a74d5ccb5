using System.Net;
using System.Text.Json.Nodes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Tags;

/// <summary>The tag catalog: exclusive groups on every customer, and rename, merge and delete reaching every holder.</summary>
public sealed class TagCatalogTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;
    private TagsClient Tags => platform.Client.Api.Tags;

    [Fact]
    public async Task Adding_干皮_to_a_customer_of_an_exclusive_group_removes_油皮_and_the_timeline_shows_both_changes()
    {
        await Tags.CreateGroupAsync(new("skin", new Dictionary<string, string> { ["zh-CN"] = "肤质", ["en"] = "Skin type" }, Exclusive: true));
        foreach (var (tag, en) in new[] { ("油皮", "Oily"), ("干皮", "Dry"), ("混合", "Combination") })
            await Tags.CreateAsync(new(tag, "skin", new Dictionary<string, string> { ["zh-CN"] = tag, ["en"] = en }));
        await Api.PostEventsAsync(Events.FriendAdded("tc-ex-1", "tc-li", "alice"));
        await Api.Api.Customers.AddTagsAsync("tc-li", ["油皮", "vip"]);
        await UntilCatalogAppliesAsync();

        var view = await Api.Api.Customers.AddTagsAsync("tc-li", ["干皮"]);

        Assert.Equal(["vip", "干皮"], view.Tags.Order(StringComparer.Ordinal));
        var timeline = await Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("alice")).Workbench.ListTimelineAsync("tc-li");
        var changes = timeline.Items.Where(e => e.What is "tag-added" or "tag-removed").Select(e => (e.What, e.Detail!["tag"])).ToList();
        Assert.Contains(("tag-added", "干皮"), changes);
        Assert.Contains(("tag-removed", "油皮"), changes);
        var group = Assert.Single((await Tags.ListGroupsAsync()).Items, g => g.GroupId == "skin");
        Assert.Equal(("肤质", "Skin type", true), (group.Names["zh-CN"], group.Names["en"], group.Exclusive));
        Assert.Equal(["干皮", "油皮", "混合"], group.Tags);
    }

    [Fact]
    public async Task Adding_two_tags_of_one_exclusive_group_to_a_customer_at_once_is_refused_naming_both_and_changes_nothing()
    {
        await Tags.CreateGroupAsync(new("tc-hair", new Dictionary<string, string> { ["zh-CN"] = "发质" }, Exclusive: true));
        await Tags.CreateAsync(new("tc-直发", "tc-hair"));
        await Tags.CreateAsync(new("tc-卷发", "tc-hair"));
        await Api.PostEventsAsync(Events.FriendAdded("tc-ex-2", "tc-zhou", "alice"));

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Customers.AddTagsAsync("tc-zhou", ["tc-vip", "tc-直发", "tc-卷发"]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["tags"], refused.Problem!.Errors!.Keys);
        Assert.Contains("'tc-直发' and 'tc-卷发'", refused.Problem.Detail);
        Assert.Empty((await Api.Api.Customers.GetAsync("tc-zhou"))!.Tags);
    }

    [Fact]
    public async Task A_tag_and_its_names_of_64_emoji_are_accepted_and_65_are_refused_naming_the_field()
    {
        static string Emoji(int count) => string.Concat(Enumerable.Repeat("👍", count));

        var created = await Tags.CreateAsync(new(Emoji(64), Names: new Dictionary<string, string> { ["en"] = Emoji(64) }));

        Assert.Equal(Emoji(64), created.Tag);
        var tooLongTag = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.CreateAsync(new(Emoji(65))));
        Assert.Equal(["tag"], tooLongTag.Problem!.Errors!.Keys);
        var tooLongName = await Assert.ThrowsAsync<PlatformApiException>(() => Tags.CreateAsync(new("tc-emoji-name", Names: new Dictionary<string, string> { ["en"] = Emoji(65) })));
        Assert.Equal(["names.en"], tooLongName.Problem!.Errors!.Keys);
    }

    [Fact]
    public async Task Renaming_a_tag_reaches_every_holder_and_the_catalog()
    {
        await Tags.CreateAsync(new("tc-gold", Names: new Dictionary<string, string> { ["zh-CN"] = "金卡", ["en"] = "Gold" }));
        var holders = await CustomersWithAsync("tc-rn", 40, ["tc-gold"]);

        var job = await CompletedAsync((await Tags.RenameAsync("tc-gold", "tc-金卡")).JobId);

        Assert.Equal(("rename", 40L, 40L, 40L, 0L), (job.Spec.Kind, job.Total, job.Done, job.Changed, job.Failed));
        foreach (var customer in holders)
        {
            var tags = (await Api.Api.Customers.GetAsync(customer))!.Tags;
            Assert.Contains("tc-金卡", tags);
            Assert.DoesNotContain("tc-gold", tags);
        }
        var list = (await Tags.ListAsync()).Items;
        Assert.DoesNotContain(list, t => t.Tag == "tc-gold");
        var renamed = Assert.Single(list, t => t.Tag == "tc-金卡");
        Assert.Equal((true, 40L, "Gold"), (renamed.InCatalog, renamed.Holders, renamed.Names["en"]));
    }

    [Fact]
    public async Task A_name_that_was_the_tag_itself_follows_a_rename_or_a_merge_and_the_others_stay()
    {
        await Tags.CreateAsync(new("tc-油皮", Names: new Dictionary<string, string> { ["zh-CN"] = "tc-油皮", ["en"] = "Oily skin" }));
        await Tags.CreateAsync(new("tc-干皮", Names: new Dictionary<string, string> { ["zh-CN"] = "tc-干皮", ["ja"] = "乾燥肌" }));

        await CompletedAsync((await Tags.RenameAsync("tc-油皮", "tc-油性皮肤")).JobId);
        await CompletedAsync((await Tags.MergeAsync("tc-干皮", "tc-干性皮肤")).JobId);

        var list = (await Tags.ListAsync()).Items;
        IEnumerable<(string, string)> NamesOf(string tag) => Assert.Single(list, t => t.Tag == tag).Names.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, n.Value));
        Assert.Equal([("en", "Oily skin"), ("zh-CN", "tc-油性皮肤")], NamesOf("tc-油性皮肤"));
        Assert.Equal([("ja", "乾燥肌"), ("zh-CN", "tc-干性皮肤")], NamesOf("tc-干性皮肤"));
    }

    [Fact]
    public async Task Merging_a_tag_into_another_leaves_every_holder_with_the_one_kept()
    {
        await Tags.CreateAsync(new("tc-big-spender"));
        await Tags.CreateAsync(new("tc-vip"));
        var onlyOld = await CustomersWithAsync("tc-mo", 10, ["tc-big-spender"]);
        var both = await CustomersWithAsync("tc-mb", 5, ["tc-big-spender", "tc-vip"]);
        var onlyKept = await CustomersWithAsync("tc-mk", 3, ["tc-vip"]);

        var job = await CompletedAsync((await Tags.MergeAsync("tc-big-spender", "tc-vip")).JobId);

        Assert.Equal((15L, 15L, 15L, 0L), (job.Total, job.Done, job.Changed, job.Failed));
        foreach (var customer in onlyOld.Concat(both).Concat(onlyKept))
        {
            var tags = (await Api.Api.Customers.GetAsync(customer))!.Tags;
            Assert.Equal(1, tags.Count(t => t.StartsWith("tc-", StringComparison.Ordinal)));
            Assert.Contains("tc-vip", tags);
        }
        var list = (await Tags.ListAsync()).Items;
        Assert.DoesNotContain(list, t => t.Tag == "tc-big-spender");
        Assert.Equal(18L, Assert.Single(list, t => t.Tag == "tc-vip").Holders);
    }

    [Fact]
    public async Task Deleting_a_tag_removes_it_from_the_catalog_and_every_holder_free_tags_included()
    {
        await Tags.CreateAsync(new("tc-trial"));
        var holders = await CustomersWithAsync("tc-del", 12, ["tc-trial", "tc-free"]);

        var catalogJob = await CompletedAsync((await Tags.DeleteAsync("tc-trial")).JobId);
        var freeJob = await CompletedAsync((await Tags.DeleteAsync("tc-free")).JobId);

        Assert.Equal((12L, 12L, 0L), (catalogJob.Total, catalogJob.Changed, catalogJob.Failed));
        Assert.Equal((12L, 12L, 0L), (freeJob.Total, freeJob.Changed, freeJob.Failed));
        foreach (var customer in holders) Assert.DoesNotContain((await Api.Api.Customers.GetAsync(customer))!.Tags, t => t is "tc-trial" or "tc-free");
        Assert.DoesNotContain((await Tags.ListAsync()).Items, t => t.Tag is "tc-trial" or "tc-free");
    }

    [Fact]
    public async Task An_admin_merges_renames_and_deletes_from_the_console_and_each_job_is_read_at_the_consoles_route()
    {
        await Api.Api.Staff.CreateAsync(new CreateStaffRequest("tc-root", PlatformClient.StaffPassword, Role: "admin"));
        var root = Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("tc-root")).Tags;
        await Tags.CreateAsync(new("tc-c-old"));
        await Tags.CreateAsync(new("tc-c-kept", Names: new Dictionary<string, string> { ["zh-CN"] = "保留" }));
        var holders = await CustomersWithAsync("tc-cm", 6, ["tc-c-old"]);

        var merged = await root.MergeMyTagAsync("tc-c-old", "tc-c-kept");
        var job = await CompletedAsync(merged.JobId);

        Assert.Equal($"/api/v1/console/tag-jobs/{merged.JobId}", merged.StatusUrl);
        Assert.Equal(("merge", 6L, 6L, 6L, 0L), (job.Spec.Kind, job.Total, job.Done, job.Changed, job.Failed));
        Assert.Equal("completed", (await root.GetMyJobAsync(merged.JobId)).State);
        foreach (var customer in holders)
            Assert.Equal(["tc-c-kept"], (await Api.Api.Customers.GetAsync(customer))!.Tags.Where(t => t.StartsWith("tc-c-", StringComparison.Ordinal)));
        Assert.DoesNotContain((await root.GetMyCatalogAsync()).Tags, t => t.Tag == "tc-c-old");

        var renamed = await root.RenameMyTagAsync("tc-c-kept", "tc-c-gold");
        Assert.Equal($"/api/v1/console/tag-jobs/{renamed.JobId}", renamed.StatusUrl);
        await CompletedAsync(renamed.JobId);
        var deleted = await root.DeleteMyTagAsync("tc-c-gold");
        Assert.Equal($"/api/v1/console/tag-jobs/{deleted.JobId}", deleted.StatusUrl);
        Assert.Equal(("delete", 6L), ((await CompletedAsync(deleted.JobId)).Spec.Kind, (await root.GetMyJobAsync(deleted.JobId)).Changed));
    }

    [Fact]
    public async Task A_tag_holding_a_slash_is_renamed_through_its_escaped_path()
    {
        var holders = await CustomersWithAsync("tc-slash", 3, ["tc-A/B测试"]);

        var job = await CompletedAsync((await Tags.RenameAsync("tc-A/B测试", "tc-AB测试")).JobId);

        Assert.Equal((3L, 3L), (job.Total, job.Changed));
        foreach (var customer in holders) Assert.Contains("tc-AB测试", (await Api.Api.Customers.GetAsync(customer))!.Tags);
    }

    [Fact]
    public async Task Free_tags_are_listed_with_their_holder_counts_beside_the_catalog()
    {
        await CustomersWithAsync("tc-free-list", 7, ["tc-只是个标签"]);

        var free = Assert.Single((await Tags.ListAsync()).Items, t => t.Tag == "tc-只是个标签");

        Assert.Equal((false, (string?)null, 7L), (free.InCatalog, free.GroupId, free.Holders));
    }

    [Theory]
    [InlineData("POST", "tag-groups", """{"groupId":"bad/id","names":{"en":"x"}}""", "groupId")]
    [InlineData("POST", "tag-groups", """{"groupId":"g-no-names","names":{}}""", "names")]
    [InlineData("POST", "tag-groups", """{"groupId":"g-bad-lang","names":{"not a language":"x"}}""", "names.not a language")]
    [InlineData("POST", "tag-groups", """{"groupId":"g-empty","names":{"en":"  "}}""", "names.en")]
    [InlineData("POST", "tags", """{"tag":"","names":{}}""", "tag")]
    [InlineData("POST", "tags", """{"tag":"tc-x","groupId":"no-such-group"}""", "groupId")]
    [InlineData("POST", "tags/tc-x/rename", """{"to":""}""", "to")]
    [InlineData("POST", "tags/tc-x/merge", """{"into":"tc-x"}""", "into")]
    [InlineData("POST", "tag-jobs", """{"add":["a"],"customerIds":["li"],"filter":{"tagsAny":["x"]}}""", "customerIds")]
    [InlineData("POST", "tag-jobs", """{"customerIds":["li"]}""", "add")]
    [InlineData("POST", "tag-jobs", """{"add":["a"],"remove":["a"],"customerIds":["li"]}""", "remove")]
    [InlineData("POST", "tag-jobs", """{"add":["a"],"customerIds":["li","bad id"]}""", "customerIds[1]")]
    [InlineData("POST", "tag-jobs", """{"add":[""],"customerIds":["li"]}""", "add[0]")]
    [InlineData("POST", "tag-jobs", """{"add":["a"],"filter":{"tier":"Gold"}}""", "filter.tier")]
    [InlineData("POST", "tag-jobs", """{"add":["a"],"filter":{}}""", "filter")]
    [InlineData("POST", "tag-jobs/csv?add=a", "li\nphone,not-a-phone\n", "body")]
    [InlineData("POST", "tag-jobs/csv?add=a", "li,a,b\n", "body")]
    [InlineData("POST", "tag-jobs/csv", "li\n", "add")]
    public async Task Bad_catalog_or_job_input_is_a_400_naming_the_field_and_stores_nothing(string method, string path, string body, string field)
    {
        var before = await Tags.ListAsync();
        var groupsBefore = await Tags.ListGroupsAsync();

        var response = path.StartsWith("tag-jobs/csv", StringComparison.Ordinal)
            ? await CsvAsync($"/api/v1/tenants/{Api.Tenant}/{path}", body)
            : await Api.SendRawAsync(new HttpMethod(method), $"/api/v1/tenants/{Api.Tenant}/{path}", body, Api.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains($"'{field}'", problem);
        // Named in errors too (an unknown group's 400 had no errors), so a client can show the message beside the field.
        Assert.True(JsonNode.Parse(problem)!["errors"]?.AsObject().ContainsKey(field), problem);
        Assert.Equal(before.Version, (await Tags.ListAsync()).Version);
        Assert.Equal(groupsBefore.Items.Count, (await Tags.ListGroupsAsync()).Items.Count);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_tag_job_upload_not_sent_as_text_csv_is_a_415_naming_the_content_type(string mediaType)
    {
        var response = await CsvAsync($"/api/v1/tenants/{Api.Tenant}/tag-jobs/csv?add=a", "li\n", mediaType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'Content-Type'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Catalog_changes_need_the_admin_key_a_taken_id_or_tag_is_a_conflict_and_a_rename_may_be_sent_again()
    {
        var withApiKey = await Api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tags", new { tag = "tc-k" }, Api.ApiKey);
        await Tags.CreateGroupAsync(new("tc-city", new Dictionary<string, string> { ["zh-CN"] = "城市" }, Exclusive: true));
        await Tags.CreateAsync(new("tc-上海", "tc-city"));
        await Tags.CreateAsync(new("tc-北京", "tc-city"));

        Assert.Equal(HttpStatusCode.Unauthorized, withApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<PlatformApiException>(() =>
            Tags.CreateGroupAsync(new("tc-city", new Dictionary<string, string> { ["en"] = "City" })))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<PlatformApiException>(() => Tags.CreateAsync(new("tc-上海")))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<PlatformApiException>(() => Tags.RenameAsync("tc-上海", "tc-北京"))).StatusCode);
        // Sent again after it went through, a rename changes only the holders (it may have failed before its job started).
        await Tags.RenameAsync("tc-上海", "tc-申城");
        var again = await Tags.RenameAsync("tc-上海", "tc-申城");
        Assert.Equal(("rename", "holders"), (again.Job.Spec.Kind, again.Job.Spec.Source));
        Assert.Equal("tc-city", Assert.Single((await Tags.ListAsync()).Items, t => t.Tag == "tc-申城").GroupId);
    }

    [Fact]
    public async Task Concurrent_renames_merges_and_deletes_of_one_tag_are_one_change_and_the_others_a_conflict()
    {
        await Tags.CreateAsync(new("tc-race卡"));
        var holders = await CustomersWithAsync("tc-race", 6, ["tc-race卡"]);

        var attempts = await Task.WhenAll(new Func<Task<TagJobAccepted>>[]
        {
            () => Tags.RenameAsync("tc-race卡", "tc-raceGold"), () => Tags.RenameAsync("tc-race卡", "tc-race黄金"), () => Tags.RenameAsync("tc-race卡", "tc-raceGold"),
            () => Tags.MergeAsync("tc-race卡", "tc-raceVIPX"), () => Tags.DeleteAsync("tc-race卡"), () => Tags.RenameAsync("tc-race卡", "tc-race铂金"),
        }.Select(TryAsync));

        Assert.All(attempts, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        var job = await CompletedAsync(Assert.Single(attempts.Where(a => a.Job is not null).Select(a => a.Job!.JobId).Distinct()));
        var kept = job.Spec.Add.SingleOrDefault();
        foreach (var customer in holders)
        {
            var tags = (await Api.Api.Customers.GetAsync(customer))!.Tags;
            Assert.Equal(kept is null ? [] : [kept], tags.Where(t => t is "tc-race卡" or "tc-raceGold" or "tc-race黄金" or "tc-raceVIPX" or "tc-race铂金"));
        }
    }

    private static async Task<(TagJobAccepted? Job, HttpStatusCode Status)> TryAsync(Func<Task<TagJobAccepted>> change)
    {
        try
        {
            return (await change(), HttpStatusCode.Accepted);
        }
        catch (PlatformApiException e)
        {
            return (null, e.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> CsvAsync(string path, string csv, string mediaType = "text/csv")
    {
        using var http = new HttpClient { BaseAddress = Api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(csv, System.Text.Encoding.UTF8, mediaType) };
        request.Headers.Authorization = new("Bearer", Api.AdminKey);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Customers <c>{prefix}-0</c>... owned by alice, each holding <paramref name="tags"/>.</summary>
    private async Task<string[]> CustomersWithAsync(string prefix, int count, string[] tags)
    {
        var customers = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToArray();
        await Api.PostEventsAsync([.. customers.Select(c => Events.FriendAdded($"{c}-add", c, "alice"))]);
        foreach (var customer in customers) await Api.Api.Customers.AddTagsAsync(customer, tags);
        return customers;
    }

    /// <summary>Catalog changes reach a node's customers within <c>Decisions:RefreshInterval</c>: wait until a probe customer shows the skin group enforced.</summary>
    private async Task UntilCatalogAppliesAsync()
    {
        await Api.PostEventsAsync(Events.FriendAdded("tc-probe-add", "tc-probe", "alice"));
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            await Api.Api.Customers.AddTagsAsync("tc-probe", ["混合"]);
            if (!(await Api.Api.Customers.AddTagsAsync("tc-probe", ["油皮"])).Tags.Contains("混合")) return;
            await Api.Api.Customers.RemoveTagsAsync("tc-probe", ["油皮"]);
        }
        Assert.Fail("the exclusive group did not reach the node's customers within 20 s");
    }

    private async Task<TagJobView> CompletedAsync(string jobId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var job = await Tags.GetJobAsync(jobId);
            if (job.Completed) return job;
        }
        throw new TimeoutException($"tag job {jobId} did not complete within 60 s");
    }
}
