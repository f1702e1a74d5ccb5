using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>Console tokens are renewed without a new sign-in (POST /api/v1/auth/console-token/refresh) while the console is open.</summary>
public sealed class ConsoleTokenTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static Task<HttpResponseMessage> RefreshAsync(PlatformClient api, string token) =>
        api.SendAsync(HttpMethod.Post, "/api/v1/auth/console-token/refresh", null, token);

    [Fact]
    public async Task A_valid_token_buys_a_fresh_one_for_the_same_staff_member_and_a_forged_or_expired_one_gets_a_401_problem()
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "refresh"));
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("refresh", "alice");
        var token = await api.ConsoleTokenAsync("alice");

        var renewed = await api.Api.Auth.RefreshAsync(token);
        Assert.Equal(("refresh", "alice"), (renewed.Tenant, renewed.StaffId));
        await using (var console = await ConsoleClient.ConnectAsync(node.BaseAddress, renewed.AccessToken)) { }

        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "private-domain-grains",
            Audience = "console",
            Subject = new ClaimsIdentity([new Claim("sub", "alice"), new Claim("tenant", "refresh")]),
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(NodeSettings.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        foreach (var refused in new[] { expired, token[..^4] + "AAAA", "not-a-token" })
        {
            var response = await RefreshAsync(api, refused);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("sign in again", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Post, "/api/v1/auth/console-token/refresh", null, null)).StatusCode);
    }

    [Fact]
    public async Task A_one_minute_token_is_renewed_and_the_console_stays_connected_past_its_expiry()
    {
        await using var node = await RestartableNode.StartAsync(
            NodeSettings.Fresh(_database.ConnectionString, "renew"), "--Platform:ConsoleTokenLifetime", "00:01:00");
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("renew", "alice");
        await using var console = await chromium.OpenAsync(node.BaseAddress);
        await console.SignInAsync("renew", "alice");
        var first = (await console.StoredSessionAsync())!;
        var firstExpiry = DateTimeOffset.Parse((string)first["expiresAt"]!);

        // Past the first token's expiry and the server's 30 s clock skew allowance: it would be refused now.
        await Task.Delay(firstExpiry + TimeSpan.FromSeconds(35) - DateTimeOffset.UtcNow);
        var current = (await console.StoredSessionAsync())!;
        Assert.NotEqual((string)first["accessToken"]!, (string)current["accessToken"]!);
        Assert.True(DateTimeOffset.Parse((string)current["expiresAt"]!) > DateTimeOffset.UtcNow);
        await console.ExpectConnectedAsync();
        await api.PostEventsAsync(Events.FriendAdded("renew-1", "wu", "alice"));
        await Expect(console.Nudge("wu", "welcome")).ToBeVisibleAsync();

        // A restart forces a new connection: the hub asks for the current token, so it is let back in.
        await node.StopAsync();
        await Expect(console.Connection).Not.ToHaveAttributeAsync("data-state", "connected");
        await node.StartAsync();
        await console.ExpectConnectedAsync();
        await api.PostEventsAsync(Events.MessageReceived("renew-2", "wu", "还在吗？"));
        await Expect(console.Nudge("wu", "reply")).ToBeVisibleAsync();
        await console.Page.ReloadAsync();
        await console.ExpectConnectedAsync();
        await Expect(console.Nudges).ToHaveCountAsync(2);
    }
}
