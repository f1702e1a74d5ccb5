using System.Net;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// The last routes that spoke English only (handovers, reports, WeCom settings, events, webhooks, a JSON body's framing
/// and the key filters) answer in the caller's language, and word for word as before in English.
/// </summary>
public sealed partial class ServerLanguageTests
{
    [Theory]
    [InlineData("POST", "staff/alice/handover", """{"toStaffId":"alice"}""", "toStaffId",
        "'toStaffId' 须是交接人以外的另一位员工", "'toStaffId' must be another staff member than the one handing over")]
    [InlineData("GET", "reports/execution?from=2026-13-01&to=2026-12-31", "", "from",
        "'from' 须为 2000-01-01 到 2999-12-31 之间 yyyy-MM-dd 格式的日期", "'from' must be a date as yyyy-MM-dd from 2000-01-01 to 2999-12-31")]
    [InlineData("GET", "reports/execution?from=2026-12-31&to=2026-12-01", "", "to", "'to' 不能早于 'from'", "'to' must not be before 'from'")]
    [InlineData("GET", "reports/execution/overdue?overdueAfter=0m", "", "overdueAfter",
        "'overdueAfter' 须为大于零的时长，如 5m、2h、3d 或 1w，最长 3650d", "'overdueAfter' must be a duration like 5m, 2h, 3d or 1w, at most 3650d, more than 0")]
    [InlineData("PUT", "integrations/wecom", """{"corpId":"x","token":"t","encodingAesKey":"k"}""", "corpId",
        "'corpId' 须为企业微信的 CorpID：'ww' 或 'wx' 后接 16 个字母或数字（共 18 个字符）",
        "'corpId' must be WeCom's CorpID: 'ww' or 'wx' followed by 16 letters or digits (18 characters)")]
    [InlineData("POST", "events", """{"events":[{"id":"lang-ev-1","customerId":"lang-ev","type":"friend.added","staffId":"lang-ghost"}]}""", "events[0].staffId",
        "'lang-ghost' 不是租户 'acme' 的员工", "'lang-ghost' is not a staff member of tenant 'acme'")]
    [InlineData("POST", "keys", "null", "body", "'body' 须为 JSON 对象", "'body' must be a JSON object")]
    [InlineData("POST", "keys", "{", "body", "'body' 不是有效的 JSON：", "'body' is not valid JSON: ")]
    public async Task The_last_routes_refuse_in_the_callers_language(string method, string resource, string body, string field, string chinese, string english)
    {
        var path = $"/api/v1/tenants/{Tenant}/{resource}";

        var (status, zh) = await SendAsync(new HttpMethod(method), path, body, Api.AdminKey, Chinese);
        var (_, en) = await SendAsync(new HttpMethod(method), path, body, Api.AdminKey, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(chinese, Error(zh, field));
        Assert.StartsWith(english, Error(en, field));
    }

    [Theory]
    [InlineData("GET", "handovers/lang-none", "交接 'lang-none' 不存在", "Handover 'lang-none' does not exist")]
    [InlineData("GET", "playbook", "此路由需要租户 'acme' 的 API 密钥，以 'Authorization: Bearer <key>' 发送",
        "This route needs tenant 'acme' API key as 'Authorization: Bearer <key>'")]
    public async Task A_missing_handover_and_a_wrong_key_read_in_the_callers_language(string method, string resource, string chinese, string english)
    {
        var path = $"/api/v1/tenants/{Tenant}/{resource}";
        var key = resource == "playbook" ? "not-a-key" : Api.AdminKey;

        var (_, zh) = await SendAsync(new HttpMethod(method), path, "", key, Chinese);
        var (_, en) = await SendAsync(new HttpMethod(method), path, "", key, null);

        Assert.Equal(chinese, zh.GetProperty("detail").GetString());
        Assert.Equal(english, en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_event_id_another_customer_used_is_refused_by_its_customer_grain_in_the_callers_language()
    {
        var path = $"/api/v1/tenants/{Tenant}/events";
        await SendAsync(HttpMethod.Post, path, """{"events":[{"id":"lang-dup","customerId":"lang-first","type":"page.viewed"}]}""", Api.ApiKey, null);
        const string Again = """{"events":[{"id":"lang-dup","customerId":"lang-second","type":"page.viewed"}]}""";

        var (status, zh) = await SendAsync(HttpMethod.Post, path, Again, Api.ApiKey, Chinese);
        var (_, en) = await SendAsync(HttpMethod.Post, path, Again, Api.ApiKey, null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("'id' 已被客户 'lang-first' 使用：事件 id 在租户内唯一", zh.GetProperty("errors")[0].GetProperty("errors")[0].GetString());
        Assert.Equal("'id' already used by customer 'lang-first': event ids are unique per tenant", en.GetProperty("errors")[0].GetProperty("errors")[0].GetString());
    }
}
