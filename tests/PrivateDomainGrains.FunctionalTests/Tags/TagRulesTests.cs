using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Tags;

/// <summary>
/// What a catalog change means for what already exists (issue 17): a group made exclusive, or a tag joining one, is
/// refused while customers hold two of its tags; a rename or merge rewrites the playbook's rules that name the tag.
/// Each test has a tenant of its own.
/// </summary>
public sealed class TagRulesTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var client = new PlatformClient(platform.Node.BaseAddress);
        await client.ProvisionAsync(tenant, "alice");
        return client;
    }

    [Fact]
    public async Task Making_a_group_exclusive_while_customers_hold_two_of_its_tags_is_a_409_with_their_count_and_changes_nothing()
    {
        using var api = await TenantAsync("tr-exclusive");
        var tags = api.Api.Tags;
        await tags.CreateGroupAsync(new("hair", new Dictionary<string, string> { ["zh-CN"] = "发质" }));
        await tags.CreateAsync(new("直发", "hair"));
        await tags.CreateAsync(new("卷发", "hair"));
        await api.PostEventsAsync([Events.FriendAdded("tr-1-add", "tr-1", "alice"), Events.FriendAdded("tr-2-add", "tr-2", "alice"), Events.FriendAdded("tr-3-add", "tr-3", "alice")]);
        await api.Api.Customers.AddTagsAsync("tr-1", ["直发", "卷发"]);
        await api.Api.Customers.AddTagsAsync("tr-2", ["直发", "卷发", "vip"]);
        await api.Api.Customers.AddTagsAsync("tr-3", ["直发"]);

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => tags.UpdateGroupAsync("hair", new(Exclusive: true)));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.StartsWith("'exclusive': 2 customers hold two or more", refused.Problem!.Detail);
        Assert.False(Assert.Single((await tags.ListGroupsAsync()).Items).Exclusive);
        await api.Api.Customers.RemoveTagsAsync("tr-1", ["卷发"]);
        await api.Api.Customers.RemoveTagsAsync("tr-2", ["直发"]);
        Assert.True((await tags.UpdateGroupAsync("hair", new(Exclusive: true))).Exclusive);
    }

    [Fact]
    public async Task A_tag_joining_an_exclusive_group_while_customers_hold_it_with_another_of_the_group_is_a_409_and_changes_nothing()
    {
        using var api = await TenantAsync("tr-join");
        var tags = api.Api.Tags;
        await tags.CreateGroupAsync(new("size", new Dictionary<string, string> { ["zh-CN"] = "尺码" }, Exclusive: true));
        await tags.CreateAsync(new("S", "size"));
        await tags.CreateAsync(new("M"));
        await api.PostEventsAsync(Events.FriendAdded("tr-j-add", "tr-j", "alice"));
        await api.Api.Customers.AddTagsAsync("tr-j", ["S", "M", "XL"]);

        var joining = await Assert.ThrowsAsync<PlatformApiException>(() => tags.UpdateAsync("M", new(GroupId: "size")));
        var created = await Assert.ThrowsAsync<PlatformApiException>(() => tags.CreateAsync(new("XL", "size")));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (joining.StatusCode, created.StatusCode));
        Assert.All([joining, created], e => Assert.StartsWith("'groupId': 1 customers hold two or more", e.Problem!.Detail));
        var list = (await tags.ListAsync()).Items;
        Assert.Null(Assert.Single(list, t => t.Tag == "M").GroupId);
        Assert.False(Assert.Single(list, t => t.Tag == "XL").InCatalog);
        // A tag nobody holds joins at once.
        Assert.Equal("size", (await tags.CreateAsync(new("L", "size"))).GroupId);
    }

    private const string Playbook = """
        { "keywords": [ { "keyword": "oily", "tag": "油皮" } ],
          "rules": [
            { "id": "oily-care", "trigger": { "kind": "tagAdded", "tag": "油皮" },
              "actions": [ { "kind": "nudge", "nudgeKind": "care", "title": "Care for {name}", "script": "Send the oily-skin guide" } ] },
            { "id": "vip-oily", "trigger": { "kind": "event", "event": "order.paid" },
              "conditions": [ { "kind": "tags", "all": [ "油皮", "vip" ] } ],
              "actions": [ { "kind": "addTag", "tag": "油皮-vip" } ] },
            { "id": "welcome", "trigger": { "kind": "event", "event": "friend.added" },
              "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "title": "Welcome {name}", "script": "Say hello" } ] } ] }
        """;

    [Fact]
    public async Task Renaming_a_tag_rewrites_the_rules_and_keywords_that_name_it_as_a_new_playbook_version_stored_by_the_system()
    {
        using var api = await TenantAsync("tr-rename");
        await api.Api.Playbook.PutAsync(Playbook);
        await api.Api.Tags.CreateAsync(new("油皮"));

        await api.Api.Tags.RenameAsync("油皮", "oily");

        var current = await api.Api.Playbook.GetAsync();
        var history = await api.Api.Playbook.ListVersionsAsync();
        Assert.Equal((2, "system: tag rename"), (history.Current, history.Versions[0].StoredBy));
        var rules = current.Playbook.GetProperty("rules");
        Assert.Equal("oily", rules[0].GetProperty("trigger").GetProperty("tag").GetString());
        Assert.Equal(["oily", "vip"], rules[1].GetProperty("conditions")[0].GetProperty("all").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("油皮-vip", rules[1].GetProperty("actions")[0].GetProperty("tag").GetString());
        Assert.Equal("oily", current.Playbook.GetProperty("keywords")[0].GetProperty("tag").GetString());
        // Sent again, the rename finds nothing left to rewrite: no further version.
        await api.Api.Tags.RenameAsync("油皮", "oily");
        Assert.Equal(2, (await api.Api.Playbook.ListVersionsAsync()).Current);
        // Once the node decides with the new version (Decisions:RefreshInterval), the keyword tags with the new name.
        await api.PostEventsAsync(Events.FriendAdded("tr-k-add", "tr-k", "alice"));
        for (var (deadline, i) = (DateTime.UtcNow.AddSeconds(20), 0); (await api.Api.Customers.GetAsync("tr-k"))!.PlaybookVersion < 2; i++)
        {
            Assert.True(DateTime.UtcNow < deadline, "the node did not decide with the rewritten playbook within 20 s");
            await Task.Delay(200);
            await api.PostEventsAsync(Events.MessageReceived($"tr-k-probe-{i}", "tr-k", "hello"));
        }
        await api.PostEventsAsync(Events.MessageReceived("tr-k-oily", "tr-k", "my skin is oily"));
        var tags = (await api.Api.Customers.GetAsync("tr-k"))!.Tags;
        Assert.Contains("oily", tags);
        Assert.DoesNotContain("油皮", tags);
    }

    [Fact]
    public async Task Merging_a_free_tag_rewrites_the_rules_too_and_a_playbook_that_does_not_name_it_stays_as_it_is()
    {
        using var api = await TenantAsync("tr-merge");
        await api.Api.Playbook.PutAsync(Playbook);
        await api.PostEventsAsync(Events.FriendAdded("tr-m-add", "tr-m", "alice"));
        await api.Api.Customers.AddTagsAsync("tr-m", ["敏感"]);

        // 油皮 only the playbook names, 敏感 only a customer holds, 干性 no one: it is not found and changes nothing.
        await api.Api.Tags.MergeAsync("油皮", "混合");
        await api.Api.Tags.MergeAsync("敏感", "混合");
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PlatformApiException>(() => api.Api.Tags.MergeAsync("干性", "混合"))).StatusCode);

        var history = await api.Api.Playbook.ListVersionsAsync();
        Assert.Equal([(2, "system: tag rename"), (1, "admin-key")], history.Versions.Select(v => (v.Version, v.StoredBy)));
        var rules = (await api.Api.Playbook.GetAsync()).Playbook.GetProperty("rules");
        Assert.Equal("混合", rules[0].GetProperty("trigger").GetProperty("tag").GetString());
    }

    [Fact]
    public async Task A_tag_an_exclusive_group_displaces_is_removed_by_whoever_added_the_tag_that_displaced_it()
    {
        using var api = await TenantAsync("tr-displaced");
        await api.Api.Playbook.PutAsync("""{ "keywords": [ { "keyword": "dry", "tag": "干皮" } ] }""");
        await api.Api.Tags.CreateGroupAsync(new("skin", new Dictionary<string, string> { ["zh-CN"] = "肤质" }, Exclusive: true));
        await api.Api.Tags.CreateAsync(new("油皮", "skin"));
        await api.Api.Tags.CreateAsync(new("干皮", "skin"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("tr-d-ada", PlatformClient.StaffPassword, Role: "admin"));
        string[] customers = ["tr-d-hand", "tr-d-staff", "tr-d-job", "tr-d-keyword"];
        await api.PostEventsAsync([.. customers.Append("tr-d-probe").Select(c => Events.FriendAdded($"{c}-add", c, "alice"))]);
        // The node enforces the group once its cached catalog refreshes (Decisions:RefreshInterval): a probe shows when.
        await api.Api.Customers.AddTagsAsync("tr-d-probe", ["油皮"]);
        for (var deadline = DateTime.UtcNow.AddSeconds(20); (await api.Api.Customers.AddTagsAsync("tr-d-probe", ["干皮"])).Tags.Contains("油皮"); await Task.Delay(100))
        {
            await api.Api.Customers.RemoveTagsAsync("tr-d-probe", ["干皮"]);
            Assert.True(DateTime.UtcNow < deadline, "the exclusive group did not reach the node's customers within 20 s");
        }
        foreach (var customer in customers) await api.Api.Customers.AddTagsAsync(customer, ["油皮"]);
        var ada = api.Api.WithConsoleToken(await api.ConsoleTokenAsync("tr-d-ada"));

        await api.Api.Customers.AddTagsAsync("tr-d-hand", ["干皮"]);
        await ada.Workbench.AddTagAsync("tr-d-staff", "干皮");
        var job = await api.Api.Tags.StartJobAsync(new(Add: ["干皮"], CustomerIds: ["tr-d-job"]));
        await TagJobTests.CompletedAsync(api.Api.Tags, job.JobId);
        await api.PostEventsAsync(Events.MessageReceived("tr-d-keyword-msg", "tr-d-keyword", "my skin is dry"));

        var timelines = api.Api.WithConsoleToken(await api.ConsoleTokenAsync("alice")).Workbench;
        foreach (var (customer, by) in new[] { ("tr-d-hand", "integration"), ("tr-d-staff", "staff:tr-d-ada"), ("tr-d-job", "integration"), ("tr-d-keyword", "rule") })
        {
            var items = (await timelines.ListTimelineAsync(customer)).Items;
            var added = items.First(e => e.What == "tag-added" && e.Detail!["tag"] == "干皮");
            var removed = items.First(e => e.What == "tag-removed" && e.Detail!["tag"] == "油皮");
            Assert.Equal((customer, by, by), (customer, added.Detail!["by"], removed.Detail!["by"]));
        }
    }
}
