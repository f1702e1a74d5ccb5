using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Identities;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// A request's <c>Accept-Language</c> chooses the language of the server's messages, as the console sends its own:
/// Chinese for zh, English otherwise and when none is asked for, word for word what integrations always read. Messages
/// worded in grains (a playbook's errors, an import's pages worked later) follow the request that caused them.
/// </summary>
public sealed partial class ServerLanguageTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private const string Chinese = "zh-CN,zh;q=0.9,en;q=0.8";

    private PlatformClient Api => platform.Client;
    private string Tenant => Api.Tenant;

    private async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(HttpMethod method, string path, string body, string key, string? language,
        string contentType = "application/json")
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task An_api_key_refused_reads_in_Chinese_for_a_Chinese_caller_and_as_before_in_English_for_anyone_else()
    {
        const string Body = """{"name":"","scopes":["events:write","nope"]}""";
        var path = $"/api/v1/tenants/{Tenant}/keys";

        var (status, zh) = await SendAsync(HttpMethod.Post, path, Body, Api.AdminKey, Chinese);
        var (_, none) = await SendAsync(HttpMethod.Post, path, Body, Api.AdminKey, null);
        var (_, en) = await SendAsync(HttpMethod.Post, path, Body, Api.AdminKey, "en-US,en;q=0.9");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("密钥无效，未保存任何内容", zh.GetProperty("detail").GetString());
        Assert.Equal("'name' 须为 1-64 个字符，不含控制字符", Error(zh, "name"));
        Assert.StartsWith("'scopes' 含有 'nope'；每个都须为以下之一：", Error(zh, "scopes"));
        Assert.Equal("The key is invalid; nothing was stored", none.GetProperty("detail").GetString());
        Assert.Equal("'name' must be 1-64 characters without control characters", Error(none, "name"));
        Assert.Equal((none.GetProperty("detail").GetRawText(), none.GetProperty("errors").GetRawText()),
            (en.GetProperty("detail").GetRawText(), en.GetProperty("errors").GetRawText()));
    }

    [Fact]
    public async Task A_playbook_checked_in_its_grain_reads_its_errors_in_the_language_of_the_request_that_sent_it()
    {
        const string Playbook = """{"rules":[{"id":"r1","actions":[{"kind":"nudge","nudgeKind":"welcome","title":"Hi {oops}","script":"x"}]}]}""";
        var path = $"/api/v1/tenants/{Tenant}/playbook";

        var (status, zh) = await SendAsync(HttpMethod.Put, path, Playbook, Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Put, path, Playbook, Api.AdminKey, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Matches(@"^运营剧本有 \d+ 处错误，未保存任何内容$", zh.GetProperty("detail").GetString());
        Assert.Equal("规则需要一个触发条件", Error(zh, "$.rules[0].trigger"));
        Assert.Equal("未知的占位符 {oops}", Error(zh, "$.rules[0].actions[0].title"));
        Assert.Equal("a rule needs a trigger", Error(en, "$.rules[0].trigger"));
        Assert.Equal("unknown placeholder {oops}", Error(en, "$.rules[0].actions[0].title"));
    }

    [Fact]
    public async Task Webhook_segment_and_campaign_forms_are_refused_in_Chinese()
    {
        var (_, webhook) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/webhooks",
            """{"url":"https://hooks.example.com/pdg","eventTypes":[]}""", Api.AdminKey, Chinese);
        var (_, segment) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/segments",
            """{"name":"VIP","filter":{"rfm":{"recency":{"min":9}},"tiers":["Gold"]}}""", Api.ApiKey, Chinese);
        var (_, campaign) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/campaigns",
            """{"name":"双十一","segmentId":"s1","script":{"title":"hi","text":"hello"},"startAt":"2026-12-01T00:00:00Z"}""", Api.AdminKey, Chinese);

        Assert.Equal("订阅无效，未保存任何内容", webhook.GetProperty("detail").GetString());
        Assert.Equal("'eventTypes' 至少要有一种事件类型", Error(webhook, "eventTypes"));
        Assert.Equal("分群无效，未保存任何内容", segment.GetProperty("detail").GetString());
        Assert.Equal("须为 0-5", Error(segment, "$.filter.rfm.recency.min"));
        Assert.StartsWith("须为以下之一：Prospect", Error(segment, "$.filter.tiers[0]"));
        Assert.Equal("群发无效，未保存任何内容", campaign.GetProperty("detail").GetString());
        Assert.Equal("'endAt' 必填（ISO 8601）", Error(campaign, "endAt"));
    }

    [Fact]
    public async Task A_query_parameter_that_cannot_be_bound_reads_in_the_callers_language_title_and_all()
    {
        var path = $"/api/v1/tenants/{Tenant}/segments/x1/members?limit=abc";

        var (status, zh) = await SendAsync(HttpMethod.Get, path, "", Api.ApiKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Get, path, "", Api.ApiKey, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("请求无效", zh.GetProperty("title").GetString());
        Assert.Equal("参数 'limit' 无效。", zh.GetProperty("detail").GetString());
        Assert.Equal("'limit' 须为 1 到 500 的整数，而不是 'abc'", Error(zh, "limit"));
        Assert.Equal("Invalid request", en.GetProperty("title").GetString());
        Assert.Equal("The parameter 'limit' is not valid.", en.GetProperty("detail").GetString());
        Assert.Equal("'limit' must be a whole number from 1 to 500, not 'abc'", Error(en, "limit"));
    }

    [Theory]
    [InlineData("POST", "/api/v1/no-such-resource", 404, "未找到", "没有路由处理 POST /api/v1/no-such-resource：路由列于 /openapi/v1.json",
        "Not found", "Nothing answers POST /api/v1/no-such-resource: the routes are listed in /openapi/v1.json")]
    [InlineData("DELETE", "/api/v1/tenants/acme/events", 405, "不支持该方法", "/api/v1/tenants/acme/events 不接受 DELETE：它接受的方法见 /openapi/v1.json",
        "Method not allowed", "/api/v1/tenants/acme/events does not take DELETE: see /openapi/v1.json for the methods it takes")]
    public async Task A_request_no_route_takes_is_answered_title_and_detail_in_the_callers_language(string method, string path, int status,
        string zhTitle, string zhDetail, string enTitle, string enDetail)
    {
        var (zhStatus, zh) = await SendAsync(new HttpMethod(method), path, "", Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(new HttpMethod(method), path, "", Api.AdminKey, null);

        Assert.Equal(status, (int)zhStatus);
        Assert.Equal((zhTitle, zhDetail), (zh.GetProperty("title").GetString(), zh.GetProperty("detail").GetString()));
        Assert.Equal((enTitle, enDetail), (en.GetProperty("title").GetString(), en.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Titles_of_refusals_the_routes_word_themselves_read_in_the_callers_language()
    {
        var (status, zh) = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/segments/x1", "", Api.ApiKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/segments/x1", "", Api.ApiKey, null);
        var (_, invalid) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/keys", """{"name":""}""", Api.AdminKey, Chinese);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("未找到", zh.GetProperty("title").GetString());
        Assert.Equal("Not found", en.GetProperty("title").GetString());
        Assert.Equal("请求无效", invalid.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_json_type_a_body_value_must_be_reads_in_Chinese_for_a_Chinese_caller()
    {
        var path = $"/api/v1/tenants/{Tenant}/keys";
        const string Body = """{"name":12345,"scopes":"events:write"}""";

        var (status, zh) = await SendAsync(HttpMethod.Post, path, Body, Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Post, path, Body, Api.AdminKey, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'name' 须为字符串", FirstError(zh));
        Assert.Equal("'name' must be a string", FirstError(en));
    }

    private static string FirstError(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().First().Value[0].GetString()!;

    /// <summary>A refused field of a route: (method, path under the tenant, admin key or API key, body, field, Chinese, English); each message starts so.</summary>
    public static TheoryData<string, string, bool, string, string, string, string> RefusedFields => new()
    {
        { "POST", "staff", true, """{"staffId":"lang-s1","password":"short"}""", "password", "'password' 须为 8-256 个字符", "'password' must be 8-256 characters" },
        { "POST", "staff", true, """{"staffId":"lang-s2","password":"long enough","role":"boss"}""", "role",
            "'role' 须为以下之一：staff、manager、admin", "'role' must be one of staff, manager, admin" },
        { "PUT", "journal-retention", true, """{"days":0}""", "days", "'days' 须为 1-", "'days' must be 1-" },
        { "POST", "webhooks", true, """{"url":"https://hooks.example.com/pdg#x","eventTypes":["nudge.raised"]}""", "url",
            "'url' 不能有片段（#...）：片段永远不会发给接收方", "'url' must not have a fragment (#...): a fragment is never sent to the receiver" },
        { "POST", "webhooks", true, """{"url":"http://hooks.example.com/pdg","eventTypes":["nudge.raised"]}""", "url",
            "'url' 须为绝对的 https URL", "'url' must be an absolute https URL" },
        { "POST", "keys", true, """{"name":"k","scopes":["nope"]}""", "scopes",
            "'scopes' 含有 'nope'；每个都须为以下之一：events:write、customers:read、", "'scopes' has 'nope'; each must be one of events:write, customers:read, " },
        { "GET", "identities/nick/x", false, "", "kind", "不是身份类型：请用 unionid、external_userid、openid:{appId}、phone、order、email 或 nickname",
            "is not an identity kind: use unionid, external_userid, openid:{appId}, phone, order, email or nickname" },
        { "GET", "identities/pending?state=x", true, "", "state", "'state' 须为 pending、attached 或 dismissed", "'state' must be pending, attached or dismissed" },
        { "PUT", "identities/settings", true, """{"defaultRegion":"XX","createCustomerOn":[]}""", "defaultRegion", "须为 libphonenumber 认识的", "must be an ISO 3166" },
        { "POST", "tags/vip/rename", true, """{"to":"vip"}""", "to", "'to' 须与被改名的标签不同", "'to' must differ from the tag renamed" },
        { "POST", "tags/vip/merge", true, """{"into":"vip"}""", "into", "'into' 须与被合并的标签不同", "'into' must differ from the tag merged" },
        { "POST", "staff/alice/handover", true, """{"toStaffId":"alice"}""", "toStaffId",
            "'toStaffId' 须是交接人以外的另一位员工", "'toStaffId' must be another staff member than the one handing over" },
        { "GET", "reports/execution?from=2026-13-01&to=2026-12-31", true, "", "from",
            "'from' 须为 2000-01-01 到 2999-12-31 之间 yyyy-MM-dd 格式的日期", "'from' must be a date as yyyy-MM-dd from 2000-01-01 to 2999-12-31" },
        { "GET", "reports/execution?from=2026-12-31&to=2026-12-01", true, "", "to", "'to' 不能早于 'from'", "'to' must not be before 'from'" },
        { "GET", "reports/execution/overdue?overdueAfter=0m", true, "", "overdueAfter",
            "'overdueAfter' 须为大于零的时长，如 5m、2h、3d 或 1w，最长 3650d", "'overdueAfter' must be a duration like 5m, 2h, 3d or 1w, at most 3650d, more than 0" },
        { "PUT", "integrations/wecom", true, """{"corpId":"x","token":"t","encodingAesKey":"k"}""", "corpId",
            "'corpId' 须为企业微信的 CorpID：'ww' 或 'wx' 后接 16 个字母或数字（共 18 个字符）",
            "'corpId' must be WeCom's CorpID: 'ww' or 'wx' followed by 16 letters or digits (18 characters)" },
        { "POST", "events", true, """{"events":[{"id":"lang-ev-1","customerId":"lang-ev","type":"friend.added","staffId":"lang-ghost"}]}""", "events[0].staffId",
            "'lang-ghost' 不是租户 'acme' 的员工", "'lang-ghost' is not a staff member of tenant 'acme'" },
        { "POST", "keys", true, "null", "body", "'body' 须为 JSON 对象", "'body' must be a JSON object" },
        { "POST", "keys", true, "{", "body", "'body' 不是有效的 JSON：", "'body' is not valid JSON: " },
        // A whole number that does not bind is told the range its route takes, not its type's.
        { "GET", "audit?limit=99999999999", true, "", "limit", "'limit' 须为 1 到 500 的整数，而不是 '99999999999'",
            "'limit' must be a whole number from 1 to 500, not '99999999999'" },
        { "GET", "segments/x1/members?limit=1.5", false, "", "limit", "'limit' 须为 1 到 500 的整数，而不是 '1.5'", "'limit' must be a whole number from 1 to 500, not '1.5'" },
        { "POST", "keys/k1/rotate?overlapMinutes=abc", true, "", "overlapMinutes", "'overlapMinutes' 须为 0 到 10080 的整数，而不是 'abc'",
            "'overlapMinutes' must be a whole number from 0 to 10080, not 'abc'" },
        { "GET", "playbook/versions/abc", true, "", "version", "'version' 须为 1 到 2147483647 的整数，而不是 'abc'",
            "'version' must be a whole number from 1 to 2147483647, not 'abc'" },
        { "GET", "customers/lang-li/interactions?before=12.5", false, "", "before", "'before' 须为 1 到 9223372036854775807 的整数，而不是 '12.5'",
            "'before' must be a whole number from 1 to 9223372036854775807, not '12.5'" },
        { "GET", "tag-jobs/x/rows?after=-", true, "", "after", "'after' 须为 0 到 2147483647 的整数，而不是 '-'", "'after' must be a whole number from 0 to 2147483647, not '-'" },
        { "PUT", "journal-retention", true, """{"days":1.5}""", "days", "'days' 须为 1 到 36500 的整数", "'days' must be a whole number from 1 to 36500" },
        { "PUT", "journal-retention", true, """{"days":99999999999}""", "days", "'days' 须为 1 到 36500 的整数", "'days' must be a whole number from 1 to 36500" },
    };

    [Theory]
    [MemberData(nameof(RefusedFields))]
    public async Task A_refused_field_reads_in_the_callers_language(string method, string resource, bool admin, string body, string field,
        string chinese, string english)
    {
        var path = $"/api/v1/tenants/{Tenant}/{resource}";
        var key = admin ? Api.AdminKey : Api.ApiKey;

        var (status, zh) = await SendAsync(new HttpMethod(method), path, body, key, Chinese);
        var (_, en) = await SendAsync(new HttpMethod(method), path, body, key, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(chinese, Error(zh, field));
        Assert.StartsWith(english, Error(en, field));
    }

    [Fact]
    public async Task Two_tags_of_one_exclusive_group_added_at_once_are_refused_in_the_callers_language()
    {
        await Api.Api.Tags.CreateGroupAsync(new CreateTagGroupRequest("lang-skin", new Dictionary<string, string> { ["zh-CN"] = "肤质" }, Exclusive: true));
        await Api.Api.Tags.CreateAsync(new CreateTagRequest("lang-oily", "lang-skin"));
        await Api.Api.Tags.CreateAsync(new CreateTagRequest("lang-dry", "lang-skin"));
        var path = $"/api/v1/tenants/{Tenant}/customers/lang-anyone/tags";
        const string Body = """{"tags":["lang-oily","lang-dry"]}""";

        var (status, zh) = await SendAsync(HttpMethod.Post, path, Body, Api.ApiKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Post, path, Body, Api.ApiKey, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'tags' 含 'lang-oily' 和 'lang-dry'，同属互斥标签组 'lang-skin'：客户只能有其中一个；请只加一个", Error(zh, "tags"));
        Assert.Equal("'tags' holds 'lang-oily' and 'lang-dry', both of exclusive group 'lang-skin': a customer holds one of them; add one", Error(en, "tags"));
    }

    [Fact]
    public async Task Audit_and_customer_queries_are_refused_in_the_callers_language()
    {
        var (_, audit) = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/audit?before=0", "", Api.AdminKey, Chinese);
        var (_, auditEn) = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/audit?before=0", "", Api.AdminKey, null);
        var (status, customer) = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/customers/lang-nobody", "", Api.ApiKey, Chinese);
        var (_, customerEn) = await SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Tenant}/customers/lang-nobody", "", Api.ApiKey, null);

        Assert.Equal("'before' 须为上一页给出的正整数 id", Error(audit, "before"));
        Assert.Equal("'before' must be a positive id from a previous page", Error(auditEn, "before"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("客户 'lang-nobody' 尚无事件、负责人或标签", customer.GetProperty("detail").GetString());
        Assert.Equal("Customer 'lang-nobody' has no events, owner or tags yet", customerEn.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_import_started_in_Chinese_words_its_rows_reasons_in_Chinese_also_those_its_grain_finds_later()
    {
        await Api.PostEventsAsync(Events.FriendAdded("lang-li-add", "lang-li", "alice"));
        const string Csv = """
            customerId,kind,value
            lang-li,phone,12345
            lang-nobody,phone,+86 133 0013 3909
            lang-li,phone,+86 133 0013 3908
            """;

        var (status, started) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/identity-imports", Csv, Api.AdminKey, Chinese, "text/csv");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var jobId = started.GetProperty("jobId").GetString()!;
        await IdentityImportTests.CompletedAsync(Api.Api.Identities, jobId);

        var refused = (await Api.Api.Identities.ListImportRowsAsync(jobId, state: "refused")).Items;
        Assert.Equal([(2L, "value"), (3L, "customerId")], refused.Select(r => (r.Line, r.Field!)));
        Assert.Contains("电话号码", refused[0].Reason);
        Assert.StartsWith("客户 'lang-nobody' 不存在（尚无事件、负责人、标签或身份）", refused[1].Reason);
    }
}
