using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.OpenApi;

/// <summary>An integrator generates a client from the live document and builds on it without reading our code.</summary>
public sealed class GeneratedClientTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    [Fact]
    public async Task A_client_generated_from_the_document_creates_a_tenant_and_staff_posts_events_and_reads_the_customer_back()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        var generated = await GeneratedClient.CompileAsync(await anonymous.GetStringAsync("/openapi/v1.json"));

        using var operatorHttp = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        var asOperator = generated.Client(operatorHttp, NodeSettings.OperatorKey);
        var createTenant = generated.New("CreateTenantRequest");
        createTenant.Tenant = "generated";
        createTenant.Name = "Generated Ltd";
        var tenant = await asOperator.CreateTenantAsync(createTenant);

        using var adminHttp = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        var asAdmin = generated.Client(adminHttp, (string)tenant.AdminKey);
        var createStaff = generated.New("CreateStaffRequest");
        createStaff.StaffId = "ann";
        createStaff.Password = "a-long-password";
        createStaff.Name = "Ann";
        var ann = await asAdmin.CreateStaffAsync("generated", createStaff);
        Assert.Equal("Ann", (string)ann.Name);

        using var integrationHttp = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        var asIntegration = generated.Client(integrationHttp, (string)tenant.ApiKey);
        var added = generated.New("PostedEvent");
        added.Id = "gen-1";
        added.CustomerId = "li";
        added.Type = "friend.added";
        added.StaffId = "ann";
        added.Channel = "wecom";
        var said = generated.New("PostedEvent");
        said.Id = "gen-2";
        said.CustomerId = "li";
        said.Type = "message.received";
        said.Text = "多少钱？";
        var batch = generated.New("EventBatchRequest");
        batch.Events = (dynamic)generated.List("PostedEvent", added, said);
        var posted = await asIntegration.PostEventsAsync("generated", batch);
        Assert.Equal((2, 0, 0), ((int)posted.Accepted, (int)posted.Duplicates, (int)posted.Rejected));

        var customer = await asIntegration.GetCustomerAsync("generated", "li");
        Assert.Equal("ann", (string)customer.Owner);
        Assert.Equal(2L, (long)customer.Counters.Events);
        Assert.Contains("多少钱？", ((IEnumerable<dynamic>)customer.RecentInteractions).Select(i => (string?)i.Text));

        // Problems arrive as the document declares them: a ProblemDetails the generated client reads.
        var missing = await Assert.ThrowsAnyAsync<Exception>(async () => await asIntegration.GetCustomerAsync("generated", "nobody"));
        Assert.Equal(404, (int)((dynamic)missing).StatusCode);
        Assert.Contains("has no events", (string)((dynamic)missing).Result.Detail);
    }
}
