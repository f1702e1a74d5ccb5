using System.Net;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.OpenApi;

/// <summary>The interactive reference at <c>/docs</c> (Scalar): on in Development, off elsewhere unless <c>Docs:Enabled</c>.</summary>
public sealed class ApiReferenceTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task<(HttpStatusCode Page, string Body, HttpStatusCode Script)> DocsAsync(params string[] args)
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "docs"), args);
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        var page = await http.GetAsync("/docs/");
        var script = await http.GetAsync("/docs/scalar.js");
        return (page.StatusCode, await page.Content.ReadAsStringAsync(), script.StatusCode);
    }

    [Fact]
    public async Task The_reference_is_off_outside_development_unless_enabled_and_then_reads_the_document_from_this_host()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await DocsAsync()).Page);

        var enabled = await DocsAsync("--Docs:Enabled", "true");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (enabled.Page, enabled.Script));
        Assert.Contains("openapi/v1.json", enabled.Body);

        Assert.Equal(HttpStatusCode.OK, (await DocsAsync("--environment", "Development")).Page);
        Assert.Equal(HttpStatusCode.NotFound, (await DocsAsync("--environment", "Development", "--Docs:Enabled", "false")).Page);
    }

    /// <summary>
    /// The page's buttons that call Scalar's hosted services (the developer-tools toolbar's Share, Deploy and Generate SDKs,
    /// the client app, the AI agent, MCP) and its telemetry are off, as Scalar's own options turn them off.
    /// </summary>
    [Fact]
    public async Task The_reference_offers_nothing_that_calls_scalars_hosted_services()
    {
        var page = (await DocsAsync("--Docs:Enabled", "true")).Body;

        Assert.Matches("\"showDeveloperTools\"\\s*:\\s*\"never\"", page);
        Assert.Matches("\"hideClientButton\"\\s*:\\s*true", page);
        Assert.Matches("\"telemetry\"\\s*:\\s*false", page);
        Assert.Matches("\"disabled\"\\s*:\\s*true", page);
    }

    [Fact]
    public async Task A_docs_path_that_is_not_a_path_stops_the_host_at_start_up_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "docs-bad"), "--Docs:Path", "docs"));
        Assert.Contains("Docs:Path", failure.Message);
    }
}
