using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>What the tag catalog's grain and the customer grain refuse reads in the language of the request that asked them.</summary>
public sealed partial class ServerLanguageTests
{
    [Fact]
    public async Task A_tag_the_catalog_holds_already_is_refused_by_its_grain_in_the_callers_language()
    {
        await Api.Api.Tags.CreateAsync(new CreateTagRequest("lang-held"));
        var path = $"/api/v1/tenants/{Tenant}/tags";
        const string Body = """{"tag":"lang-held"}""";

        var (status, zh) = await SendAsync(HttpMethod.Post, path, Body, Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Post, path, Body, Api.AdminKey, null);
        var (_, group) = await SendAsync(HttpMethod.Post, path, """{"tag":"lang-grouped","groupId":"lang-no-group"}""", Api.AdminKey, Chinese);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("'tag'：标签 'lang-held' 已在标签库中", zh.GetProperty("detail").GetString());
        Assert.Equal("'tag': Tag 'lang-held' is in the catalog", en.GetProperty("detail").GetString());
        Assert.Equal("'groupId'：标签组 'lang-no-group' 不存在", Error(group, "groupId"));
    }

    [Fact]
    public async Task A_merge_and_an_undo_the_customer_grain_refuses_read_in_the_callers_language()
    {
        await Api.PostEventsAsync(Events.FriendAdded("lang-mg-add", "lang-mg", "alice"));
        var merge = $"/api/v1/tenants/{Tenant}/customers/lang-mg/merge";
        var undo = $"/api/v1/tenants/{Tenant}/customers/lang-mg/merges/mg-none/undo";

        var (status, zh) = await SendAsync(HttpMethod.Post, merge, """{"absorbedId":"lang-mg"}""", Api.ApiKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Post, merge, """{"absorbedId":"lang-mg"}""", Api.ApiKey, null);
        var (_, unknown) = await SendAsync(HttpMethod.Post, merge, """{"absorbedId":"lang-mg-ghost"}""", Api.ApiKey, Chinese);
        var (_, undoZh) = await SendAsync(HttpMethod.Post, undo, "", Api.ApiKey, Chinese);
        var (_, undoEn) = await SendAsync(HttpMethod.Post, undo, "", Api.ApiKey, null);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("客户 'lang-mg' 不能合并到自己", zh.GetProperty("detail").GetString());
        Assert.Equal("customer 'lang-mg' cannot be merged into itself", en.GetProperty("detail").GetString());
        Assert.Equal("客户 'lang-mg-ghost' 尚无事件、负责人或标签", unknown.GetProperty("detail").GetString());
        Assert.Equal("客户 'lang-mg' 没有合并 'mg-none'", undoZh.GetProperty("detail").GetString());
        Assert.Equal("customer 'lang-mg' has no merge 'mg-none'", undoEn.GetProperty("detail").GetString());
    }
}
