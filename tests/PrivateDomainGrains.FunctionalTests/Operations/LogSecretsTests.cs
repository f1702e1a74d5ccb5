using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.WeCom;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// The production log format is one JSON object per line, and no line of it, even at Debug level in every category,
/// holds a secret or a customer's phone number: a full scenario (tenant, staff, sign-in, consoles, events with phone
/// numbers, WeCom settings and a callback, metrics and dashboard) runs against a host process whose output is scanned.
/// </summary>
public sealed class LogSecretsTests : IAsyncLifetime
{
    private const string StaffPassword = PlatformClient.StaffPassword;
    private const string WrongPassword = "wrong-horse-staple-5150";
    private const string WrongOperatorKey = "not-the-operator-key-7a3f9c21";
    private const string PhoneInText = "13812345678";
    private const string PhoneInData = "13987654321";
    private const string PhoneInBadEvent = "13700001111";

    private readonly TestDatabase _database = new();
    private readonly string _role = "pdg_logscan_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _databasePassword = "Db-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // A database role of its own, so the connection string carries a password no other text shares.
        await AdminAsync($"CREATE ROLE {_role} LOGIN PASSWORD '{_databasePassword}'", $"ALTER DATABASE {_database.Name} OWNER TO {_role}");
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await AdminAsync($"DROP ROLE IF EXISTS {_role}");
    }

    [Fact]
    public async Task No_log_line_of_a_full_scenario_at_debug_level_holds_a_key_password_token_wecom_secret_or_phone_number()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = _role, Password = _databasePassword }.ConnectionString;
        var settings = NodeSettings.Fresh(connectionString, "logscan");
        using var host = HostProcess.Start(settings,
            "--environment", "Production", "--contentRoot", AppContext.BaseDirectory, "--Dashboard:Enabled", "true",
            "--Logging:LogLevel:Default", "Debug", "--Logging:LogLevel:Microsoft", "Debug", "--Logging:LogLevel:Microsoft.AspNetCore", "Debug",
            "--Logging:LogLevel:Orleans", "Debug", "--Logging:LogLevel:Polly", "Debug", "--Logging:LogLevel:Npgsql", "Debug");
        await host.WaitUntilHealthyAsync();

        var secrets = new List<(string What, string Value)>
        {
            ("operator key", NodeSettings.OperatorKey), ("token signing key", NodeSettings.SigningKey), ("database password", _databasePassword),
            ("staff password", StaffPassword), ("wrong staff password", WrongPassword), ("wrong operator key", WrongOperatorKey),
            ("phone number in a message", PhoneInText), ("phone number in event data", PhoneInData), ("phone number in a refused event", PhoneInBadEvent),
        };
        using var api = new PlatformClient(settings.BaseAddress);
        await RunScenarioAsync(api, settings.BaseAddress, secrets);
        await host.StopAsync();

        var lines = host.Output;
        Assert.True(lines.Count > 200, $"only {lines.Count} lines were logged");
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("Category", out _) && e.TryGetProperty("LogLevel", out _) && e.TryGetProperty("Timestamp", out _)));
        Assert.Contains(entries, e => e.GetProperty("LogLevel").GetString() == "Debug");
        Assert.Contains(entries, e => e.GetProperty("Category").GetString()!.StartsWith("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal));

        var leaks = (from line in lines
                     let text = line + "\n" + Decoded(JsonDocument.Parse(line).RootElement)
                     from secret in secrets
                     where text.Contains(secret.Value, StringComparison.Ordinal)
                     select $"{secret.What}: {line}").ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines hold a secret:\n{string.Join("\n", leaks.Take(20))}");
    }

    private static async Task RunScenarioAsync(PlatformClient api, Uri node, List<(string What, string Value)> secrets)
    {
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await api.SendAsync(HttpMethod.Post, "/api/v1/tenants", new { tenant = "nobody", name = "x" }, WrongOperatorKey)).StatusCode);
        await api.ProvisionAsync("logscan", "alice", "bob");
        secrets.Add(("tenant API key", api.ApiKey));
        secrets.Add(("tenant admin key", api.AdminKey));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Post, "/api/v1/auth/console-token",
            new { tenant = api.Tenant, staffId = "alice", password = WrongPassword }, null)).StatusCode);
        var token = await api.ConsoleTokenAsync("alice");
        var refreshed = await api.SendAsync(HttpMethod.Post, "/api/v1/auth/console-token/refresh", null, token);
        refreshed.EnsureSuccessStatusCode();
        var renewed = (string)System.Text.Json.Nodes.JsonNode.Parse(await refreshed.Content.ReadAsStringAsync())!["accessToken"]!;
        foreach (var (name, jwt) in new[] { ("console token", token), ("renewed console token", renewed) })
        {
            secrets.Add((name, jwt));
            secrets.Add((name + " signature", jwt.Split('.')[2]));
        }

        // One console as the .NET client connects (token in a header), one as a browser does (token in the query string).
        await using var console = await ConsoleClient.ConnectAsync(node, renewed);
        await using var browser = new HubConnectionBuilder()
            .WithUrl(new Uri(node, $"/hubs/console?access_token={Uri.EscapeDataString(token)}"), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        await browser.StartAsync();

        await api.PostEventsAsync(
            new PostedEvent("scan-1", "scan-customer", "friend.added", Channel: "wecom", StaffId: "alice",
                Data: new Dictionary<string, string> { ["nickname"] = "Li", ["phone"] = PhoneInData }),
            Events.MessageReceived("scan-2", "scan-customer", $"Please call me on {PhoneInText} tomorrow"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostEventsRawAsync(JsonSerializer.Serialize(new
        {
            events = new[] { new { id = "scan-3", customerId = "scan-customer", type = "message.received", at = "yesterday", text = $"my number is {PhoneInBadEvent}" } },
        }))).StatusCode);
        var reply = await console.WaitForAsync(n => n.EventId == "scan-2");
        Assert.Equal("closed", await console.AckAsync(reply.Id));
        Assert.NotNull(await api.Api.Customers.GetAsync("scan-customer"));
        await api.Api.Customers.ListInteractionsAsync("scan-customer");

        var wecomToken = "Tok" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var aesKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        var corpId = "ww" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        secrets.Add(("WeCom token", wecomToken));
        secrets.Add(("WeCom EncodingAESKey", aesKey));
        (await WeComPlatform.PutSettingsAsync(api, new { corpId, token = wecomToken, encodingAesKey = aesKey })).EnsureSuccessStatusCode();
        using var wecom = new WeComServer(node, api.Tenant, wecomToken, aesKey, corpId);
        (await wecom.PostAsync(wecom.Sign(wecom.FriendAdded("bob", "wm-scan-external", DateTimeOffset.UtcNow.ToUnixTimeSeconds())))).EnsureSuccessStatusCode();
        await api.Api.WeCom.GetSettingsAsync();

        using var http = new HttpClient { BaseAddress = node };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ops:" + NodeSettings.OperatorKey)));
        (await http.GetAsync("/metrics")).EnsureSuccessStatusCode();
        (await http.GetAsync("/dashboard/ClusterStats")).EnsureSuccessStatusCode();
        secrets.Add(("operator key as basic credentials", http.DefaultRequestHeaders.Authorization.Parameter!));
    }

    /// <summary>Every string in the entry, JSON escapes undone (the formatter writes <c>+</c> as <c>\u002B</c>).</summary>
    private static string Decoded(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Object => string.Join("\n", element.EnumerateObject().Select(p => p.Name + "=" + Decoded(p.Value))),
        JsonValueKind.Array => string.Join("\n", element.EnumerateArray().Select(Decoded)),
        _ => element.GetRawText(),
    };

    private static async Task AdminAsync(params string[] statements)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}
