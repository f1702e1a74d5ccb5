using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.Tags;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// A tag job answers in the caller's language, and its failed rows' reasons (what the batch tagging card shows) are worded
/// in the language of the request that started it, also those its grain finds later, page by page.
/// </summary>
public sealed partial class ServerLanguageTests
{
    [Fact]
    public async Task A_tag_job_started_in_Chinese_words_its_failed_rows_in_Chinese_and_one_started_in_English_in_English()
    {
        await Api.PostEventsAsync(Events.FriendAdded("lang-tj-add", "lang-tj", "alice"));
        const string Csv = """
            lang-tj
            lang-tj-nobody
            phone,+86 133 0013 3907
            """;
        var path = $"/api/v1/tenants/{Tenant}/tag-jobs/csv?add=lang-tj-vip";

        var (status, zh) = await SendAsync(HttpMethod.Post, path, Csv, Api.AdminKey, Chinese, "text/csv");
        var (_, en) = await SendAsync(HttpMethod.Post, path, Csv, Api.AdminKey, null, "text/csv");
        Assert.Equal(HttpStatusCode.Accepted, status);

        Assert.Equal(["客户 'lang-tj-nobody' 尚无事件、负责人或标签", "没有客户持有此 phone"], await FailedReasonsAsync(zh.GetProperty("jobId").GetString()!));
        Assert.Equal(["Customer 'lang-tj-nobody' has no events, owner or tags yet", "no customer holds this phone"],
            await FailedReasonsAsync(en.GetProperty("jobId").GetString()!));
    }

    private async Task<string[]> FailedReasonsAsync(string jobId)
    {
        await TagJobTests.CompletedAsync(Api.Api.Tags, jobId);
        return [.. (await Api.Api.Tags.ListJobRowsAsync(jobId, status: "failed")).Items.Select(r => r.Error!)];
    }

    [Theory]
    [InlineData("tag-jobs", """{"add":[],"customerIds":["a"]}""", "add", "'add' 和 'remove' 合起来至少要有一个标签", "'add' and 'remove' must name at least one tag between them")]
    [InlineData("tag-jobs", """{"add":["x"],"customerIds":["a"],"segmentId":"s"}""", "filter", "'customerIds'、'filter' 和 'segmentId' 须恰好给出一个",
        "Give exactly one of 'customerIds', 'filter' and 'segmentId'")]
    [InlineData("tag-jobs", """{"add":["x"],"filter":{}}""", "filter", "'filter' 至少要给出 tagsAny、tagsAll、owner、tier 和 status 之一",
        "'filter' must give at least one of tagsAny, tagsAll, owner, tier and status")]
    [InlineData("tag-jobs/csv?add=x", "lang,a,b", "body", "'body' 第 1 行：须为一列（客户 id）或两列（kind,value），而不是 3 列",
        "'body' line 1: one column (a customer id) or two (kind,value), not 3")]
    public async Task A_tag_job_refused_reads_in_the_callers_language(string resource, string body, string field, string chinese, string english)
    {
        var path = $"/api/v1/tenants/{Tenant}/{resource}";
        var type = resource.Contains("csv") ? "text/csv" : "application/json";

        var (status, zh) = await SendAsync(HttpMethod.Post, path, body, Api.AdminKey, Chinese, type);
        var (_, en) = await SendAsync(HttpMethod.Post, path, body, Api.AdminKey, null, type);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(chinese, Error(zh, field));
        Assert.Equal(english, Error(en, field));
    }

    [Fact]
    public async Task A_missing_tag_job_reads_in_the_callers_language()
    {
        var path = $"/api/v1/tenants/{Tenant}/tag-jobs/lang-no-job";

        var (status, zh) = await SendAsync(HttpMethod.Get, path, "", Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Get, path, "", Api.AdminKey, null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("标签任务 'lang-no-job' 不存在", zh.GetProperty("detail").GetString());
        Assert.Equal("Tag job 'lang-no-job' does not exist", en.GetProperty("detail").GetString());
    }
}
