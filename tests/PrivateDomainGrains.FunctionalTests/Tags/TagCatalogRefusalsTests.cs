using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Tags;

/// <summary>
/// What the tag catalog refuses, in the caller's language: a change of a tag that does not exist (neither in the
/// catalog nor held: a 404, no job), and a name that would show two groups, or two tags of one group, alike (a 409).
/// </summary>
public sealed class TagCatalogRefusalsTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private const string Chinese = "zh-CN,zh;q=0.9,en;q=0.8";

    private PlatformClient Api => platform.Client;
    private TagsClient Tags => platform.Client.Api.Tags;

    [Theory]
    [InlineData("tr-ghost-r", "POST", "tags/tr-ghost-r/rename", """{"to":"tr-ghost-r2"}""")]
    [InlineData("tr-ghost-m", "POST", "tags/tr-ghost-m/merge", """{"into":"tr-ghost-m2"}""")]
    [InlineData("tr-ghost-d", "DELETE", "tags/tr-ghost-d", "")]
    public async Task Renaming_merging_or_deleting_a_tag_no_one_holds_outside_the_catalog_is_a_404_naming_the_tag_and_starts_nothing(
        string tag, string method, string path, string body)
    {
        await Api.Api.Staff.CreateAsync(new CreateStaffRequest($"{tag}-admin", PlatformClient.StaffPassword, Role: "admin"));
        var console = await Api.ConsoleTokenAsync($"{tag}-admin");
        var before = await Tags.ListAsync();

        var (status, en) = await SendAsync(new HttpMethod(method), $"/api/v1/tenants/{Api.Tenant}/{path}", body, Api.AdminKey, null);
        var (consoleStatus, zh) = await SendAsync(new HttpMethod(method), $"/api/v1/console/{path}", body, console, Chinese);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (status, consoleStatus));
        Assert.Equal($"'tag': Tag '{tag}' is not in the catalog and no customer holds it", Error(en, "tag"));
        Assert.Equal($"'tag'：标签 '{tag}' 不在标签库中，也没有客户持有", Error(zh, "tag"));
        var after = await Tags.ListAsync();
        Assert.Equal((before.Version, before.Items.Count), (after.Version, after.Items.Count));
        // Nothing was claimed either: once a customer holds it, the same change goes through.
        await Api.PostEventsAsync(Events.FriendAdded($"{tag}-add", $"{tag}-holder", "alice"));
        await Api.Api.Customers.AddTagsAsync($"{tag}-holder", [tag]);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new HttpMethod(method), $"/api/v1/tenants/{Api.Tenant}/{path}", body, Api.AdminKey, null)).Status);
    }

    [Fact]
    public async Task A_free_tag_customers_hold_is_renamed_and_one_that_was_renamed_may_be_renamed_again()
    {
        await Api.PostEventsAsync(Events.FriendAdded("tr-free-add", "tr-free-holder", "alice"));
        await Api.Api.Customers.AddTagsAsync("tr-free-holder", ["tr-自由"]);

        var first = await CompletedAsync((await Tags.RenameAsync("tr-自由", "tr-free")).JobId);
        var again = await CompletedAsync((await Tags.RenameAsync("tr-自由", "tr-free")).JobId);

        Assert.Equal((1L, "rename", 0L), (first.Changed, again.Spec.Kind, again.Total));
        Assert.Contains("tr-free", (await Api.Api.Customers.GetAsync("tr-free-holder"))!.Tags);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PlatformApiException>(() => Tags.RenameAsync("tr-自由", "tr-another"))).StatusCode);
    }

    [Fact]
    public async Task Two_groups_are_never_shown_by_one_name_in_any_language_compared_as_a_person_reads_it()
    {
        await Tags.CreateGroupAsync(new("tr-skin", new Dictionary<string, string> { ["zh-CN"] = "肤质", ["en"] = "Skin type" }));
        await Tags.CreateGroupAsync(new("tr-hair", new Dictionary<string, string> { ["zh-CN"] = "发质" }));
        var groupsBefore = await Tags.ListGroupsAsync();

        var (status, zh) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tag-groups",
            """{"groupId":"tr-skin-2","names":{"zh-CN":" 肤质 "}}""", Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tag-groups",
            """{"groupId":"tr-skin-2","names":{"zh-CN":"皮肤","en":"ＳＫＩＮ   TYPE"}}""", Api.AdminKey, null);
        var (_, otherLanguage) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tag-groups",
            """{"groupId":"tr-skin-2","names":{"ja":"skin type"}}""", Api.AdminKey, null);
        var (renamedStatus, renamed) = await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Api.Tenant}/tag-groups/tr-hair",
            """{"names":{"zh-CN":"发质","en":"skin Type"}}""", Api.AdminKey, null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (status, renamedStatus));
        Assert.Equal("'names.zh-CN'：标签组 'tr-skin' 已叫 '肤质'：请给本组另起名称", Error(zh, "names.zh-CN"));
        Assert.Equal("'names.en': Tag group 'tr-skin' is named 'Skin type' already: give this group another name", Error(en, "names.en"));
        Assert.Equal("names.ja", Field(otherLanguage));
        Assert.Equal("names.en", Field(renamed));
        var groupsAfter = await Tags.ListGroupsAsync();
        Assert.Equal((groupsBefore.Version, groupsBefore.Items.Count), (groupsAfter.Version, groupsAfter.Items.Count));
        Assert.Equal(["zh-CN"], Assert.Single(groupsAfter.Items, g => g.GroupId == "tr-hair").Names.Keys);
        // A name of its own kept, the group changes freely; another name is its own.
        await Tags.UpdateGroupAsync("tr-skin", new(Names: new Dictionary<string, string> { ["zh-CN"] = "肤质", ["en"] = "Skin" }, Exclusive: true));
        await Tags.CreateGroupAsync(new("tr-skin-2", new Dictionary<string, string> { ["zh-CN"] = "肤质2" }));
    }

    [Fact]
    public async Task Two_tags_of_one_group_are_never_shown_by_one_name_and_a_tag_without_names_is_shown_as_itself()
    {
        await Tags.CreateGroupAsync(new("tr-city", new Dictionary<string, string> { ["zh-CN"] = "城市" }));
        await Tags.CreateGroupAsync(new("tr-region", new Dictionary<string, string> { ["zh-CN"] = "地区" }));
        await Tags.CreateAsync(new("tr-sh", "tr-city", new Dictionary<string, string> { ["zh-CN"] = "上海", ["en"] = "Shanghai" }));
        await Tags.CreateAsync(new("tr-北京", "tr-city"));
        await Tags.CreateAsync(new("tr-sh-region", "tr-region", new Dictionary<string, string> { ["zh-CN"] = "上海" }));
        var before = await Tags.ListAsync();

        var (status, zh) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tags",
            """{"tag":"tr-shanghai","groupId":"tr-city","names":{"zh-CN":"上海"}}""", Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tags",
            """{"tag":"tr-beijing","groupId":"tr-city","names":{"en":"TR-北京"}}""", Api.AdminKey, null);
        var (_, moved) = await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Api.Tenant}/tags/tr-sh-region", """{"groupId":"tr-city"}""", Api.AdminKey, null);
        var (_, shownAsItself) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tags",
            """{"tag":"上海","groupId":"tr-city"}""", Api.AdminKey, null);
        await Tags.CreateAsync(new("tr-bj", "tr-city", new Dictionary<string, string> { ["zh-CN"] = "帝都" }));
        var (renameStatus, rename) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/tags/tr-北京/rename", """{"to":"帝都"}""", Api.AdminKey, null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (status, renameStatus));
        Assert.Equal("'names.zh-CN'：标签组 'tr-city' 中的标签 'tr-sh' 已显示为 '上海'：请给本标签另起名称", Error(zh, "names.zh-CN"));
        Assert.Equal("'names.en': Tag 'tr-北京' of group 'tr-city' is shown as 'tr-北京' already: give this tag another name", Error(en, "names.en"));
        Assert.Equal("names.zh-CN", Field(moved));
        Assert.Equal("tag", Field(shownAsItself));
        Assert.Equal("to", Field(rename));
        var after = (await Tags.ListAsync()).Items;
        Assert.Equal(before.Items.Count + 1, after.Count);
        Assert.Equal("tr-region", Assert.Single(after, t => t.Tag == "tr-sh-region").GroupId);
        Assert.Contains(after, t => t.Tag == "tr-北京");
    }

    private async Task<TagJobView> CompletedAsync(string jobId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (await Tags.GetJobAsync(jobId) is { Completed: true } job) return job;
        throw new TimeoutException($"tag job {jobId} did not complete within 60 s");
    }

    private async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(HttpMethod method, string path, string body, string token, string? language)
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        if (body.Length > 0) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length > 0 ? text : "{}").RootElement.Clone());
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static string Field(JsonElement problem) => Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
}
