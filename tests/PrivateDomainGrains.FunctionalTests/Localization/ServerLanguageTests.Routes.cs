using System.Net;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// The last routes that spoke English only (handovers, the key filters, a customer grain's refusal of an event) answer
/// in the caller's language, and word for word as before in English; their refused fields are rows of
/// <see cref="RefusedFields"/>.
/// </summary>
public sealed partial class ServerLanguageTests
{
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
