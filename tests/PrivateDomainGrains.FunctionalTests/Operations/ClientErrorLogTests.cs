using System.Net;
using System.Text;
using System.Text.Json;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// A client's mistake is the client's: malformed playbooks of every kind are answered 4xx and logged at Information
/// or below, so an operator's error and warning logs show only what needs them. The host runs as a process in
/// Production (one JSON object per log line), whose output is read after the requests.
/// </summary>
public sealed class ClientErrorLogTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    public static readonly string[] MalformedPlaybooks =
    [
        "{",
        "not json",
        "",
        "null",
        "[]",
        "42",
        """{"rules":"no"}""",
        """{"rules":[{"id":"r","trigger":{"kind":"event","event":"friend.added"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t\u0007","script":"s"}]}]}""",
        """{"rules":[{"id":"r","trigger":{"kind":"inactive","days":99999999999999999999}}]}""",
        """{"timeZone":"America"}""",
        """{"tenantId":"someone-else"}""",
        """{"version":"x"}""",
        """{"keywords":[{"keyword":"\ud800","tag":"t"}]}""",
        new string('[', 100) + new string(']', 100),
    ];

    [Fact]
    public async Task Malformed_playbook_puts_are_refused_with_a_4xx_and_logged_below_warning()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "client-errors");
        using var host = HostProcess.Start(settings, "--environment", "Production", "--contentRoot", AppContext.BaseDirectory,
            "--Logging:LogLevel:Default", "Information");
        await host.WaitUntilHealthyAsync();
        using var api = new PlatformClient(settings.BaseAddress);
        await api.ProvisionAsync("acme", "alice");
        var before = host.Output.Count;

        var answers = new List<HttpStatusCode>();
        foreach (var playbook in MalformedPlaybooks) answers.Add((await api.PutPlaybookRawAsync(playbook)).StatusCode);
        answers.Add((await api.SendBytesAsync(HttpMethod.Put, "/api/v1/tenants/acme/playbook", [0x7B, 0xC3, 0x28, 0x7D], api.AdminKey)).StatusCode);
        using (var text = new HttpRequestMessage(HttpMethod.Put, "/api/v1/tenants/acme/playbook") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") })
        {
            text.Headers.Authorization = new("Bearer", api.AdminKey);
            using var http = new HttpClient { BaseAddress = settings.BaseAddress };
            answers.Add((await http.SendAsync(text)).StatusCode);
        }
        // The console logger writes from a queue of its own: the lines of the last request are out once the host stops.
        await host.StopAsync();

        var loud = host.Output.Skip(before).TakeWhile(line => !line.Contains("Application is shutting down", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("LogLevel").GetString() is "Warning" or "Error" or "Critical")
            .Select(e => e.ToString())
            .ToList();
        Assert.True(loud.Count == 0, $"{loud.Count} lines at warning or above:\n{string.Join("\n", loud.Take(10))}");
        Assert.All(answers, status => Assert.True((int)status is >= 400 and < 500, $"answered {status}"));
    }
}
