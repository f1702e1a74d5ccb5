using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>A tenant's WeCom settings through the admin API: validated, stored encrypted, never read back.</summary>
public sealed class WeComSettingsTests(WeComPlatform platform) : IClassFixture<WeComPlatform>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var client = new PlatformClient(platform.Node.BaseAddress);
        await client.ProvisionAsync(tenant);
        return client;
    }

    [Fact]
    public async Task Invalid_settings_are_refused_naming_every_bad_field_and_nothing_is_stored()
    {
        using var api = await TenantAsync("wecom-invalid");

        var response = await WeComPlatform.PutSettingsAsync(api, new { corpId = "corp-1", token = "has space", encodingAesKey = WeComPlatform.EncodingAesKey + "=" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["corpId", "encodingAesKey", "token"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        var settings = await api.Api.WeCom.GetSettingsAsync();
        Assert.Equal((null, false, false), (settings.CorpId, settings.TokenSet, settings.EncodingAesKeySet));

        var tooLong = await WeComPlatform.PutSettingsAsync(api, new { corpId = WeComPlatform.CorpId, token = new string('t', 33), encodingAesKey = WeComPlatform.EncodingAesKey });
        Assert.Equal(["token"], (await tooLong.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Reading_the_settings_tells_whether_secrets_are_set_but_never_returns_them()
    {
        using var api = await TenantAsync("wecom-read");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var put = await WeComPlatform.PutSettingsAsync(api, new { corpId = "wx5823bf96d3bd56c7", token = "QDG6eK", encodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C" });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var response = await api.SendAsync(HttpMethod.Get, "/api/v1/tenants/wecom-read/integrations/wecom", null, api.AdminKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("QDG6eK", text);
        Assert.DoesNotContain("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", text);
        var settings = JsonNode.Parse(text)!;
        Assert.Equal(("wx5823bf96d3bd56c7", true, true, "/api/v1/wecom/wecom-read/callback"),
            ((string?)settings["corpId"], (bool)settings["tokenSet"]!, (bool)settings["encodingAesKeySet"]!, (string?)settings["callbackPath"]));
        Assert.InRange((DateTimeOffset)settings["updatedAt"]!, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task The_secrets_are_stored_encrypted_with_the_cluster_key_ring_in_postgresql()
    {
        using var api = await TenantAsync("wecom-at-rest");
        const string token = "AtRestToken0123456789";
        await api.Api.WeCom.PutSettingsAsync(WeComPlatform.CorpId, token, WeComPlatform.EncodingAesKey);

        var stored = await platform.Database.ScalarAsync<string>(
            "SELECT string_agg(convert_from(payloadbinary, 'UTF8'), '') FROM orleansstorage WHERE convert_from(payloadbinary, 'UTF8') LIKE '%protectedSecrets%'");
        Assert.Contains("protectedSecrets", stored);
        Assert.DoesNotContain(token, stored);
        Assert.DoesNotContain(WeComPlatform.EncodingAesKey, stored);
        Assert.True(await platform.Database.ScalarAsync<long>("SELECT count(*) FROM pdg_data_protection_keys WHERE xml LIKE '<key %'") >= 1);
    }

    [Fact]
    public async Task Only_the_tenant_admin_key_reads_or_changes_the_settings()
    {
        using var api = await TenantAsync("wecom-keys");
        var body = new { corpId = WeComPlatform.CorpId, token = "abc", encodingAesKey = WeComPlatform.EncodingAesKey };

        Assert.Equal(HttpStatusCode.Unauthorized, (await WeComPlatform.PutSettingsAsync(api, body, api.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "/api/v1/tenants/wecom-keys/integrations/wecom", null, api.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WeComPlatform.PutSettingsAsync(api, body, platform.Client.AdminKey)).StatusCode);
    }
}
