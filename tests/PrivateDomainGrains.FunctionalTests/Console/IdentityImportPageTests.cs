using System.Text;
using Microsoft.Playwright;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The identity import tab of the pending pool page (issue 14) in a real browser against a real node whose imports go
/// 10 rows a page: an admin or a manager chooses a file, sees the format it takes, starts, watches the counts, reads
/// the refused and conflicting rows by line and field, and cancels; staff get no link and a denied page.
/// </summary>
public sealed class IdentityImportPageTests(IdentityImportPageTests.Platform platform, Chromium chromium)
    : IClassFixture<IdentityImportPageTests.Platform>, IClassFixture<Chromium>
{
    public sealed class Platform() : ConfiguredNodePlatform("identity-import-page", "--IdentityImports:PageSize", "10")
    {
        protected override async Task SeedAsync(PlatformClient client)
        {
            await client.ProvisionAsync("import-page", "alice");
            await client.Api.Staff.CreateAsync(new CreateStaffRequest("carol", PlatformClient.StaffPassword, "Carol", Team: "north"));
            await client.Api.Staff.CreateAsync(new CreateStaffRequest("dana", PlatformClient.StaffPassword, "Dana", Role: "manager", Team: "north"));
            await client.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
            // wu is carol's (team north), li alice's (no team).
            await client.PostEventsAsync(Events.FriendAdded("ip-wu", "wu", "carol", nickname: "吴桐"), Events.FriendAdded("ip-li", "li", "alice", nickname: "李雷"));
        }
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private static async Task OpenImportTabAsync(ConsolePage console)
    {
        await console.Page.GetByTestId("nav-pool").ClickAsync();
        await console.Page.Locator(".n-tabs-tab[data-name='import']").ClickAsync();
        await Expect(console.Page.GetByTestId("imports-format")).ToContainTextAsync("customerId,kind,value");
        await Expect(console.Page.GetByTestId("imports-format")).ToContainTextAsync("openid:{appId}");
    }

    [Fact]
    public async Task An_admin_imports_a_csv_and_sees_its_counts_and_each_refused_or_conflicting_row_by_line_and_field_and_what_waited_reaches_its_customer()
    {
        var api = platform.Client;
        var order = new PostedEvent("ip-order", null, "order.paid", DateTimeOffset.UtcNow.AddMinutes(-5), Channel: "shop",
            Identities: new Dictionary<string, string> { ["phone"] = "+86 137 0013 7101" },
            Data: new Dictionary<string, string> { ["orderId"] = "IP-1", ["amount"] = "128", ["currency"] = "CNY" });
        Assert.Single((await api.PostEventsAsync(order)).Pooled);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("import-page", "root");
        await OpenImportTabAsync(console);

        await console.Page.GetByTestId("imports").Locator("input[type=file]").SetInputFilesAsync(Csv("customers.csv", """
            customerId,kind,value
            wu,phone,+86 137 0013 7101
            li,unionid,o6_page_li
            nobody,phone,13700137102
            li,phone,12345
            li,phone,0086-13700137101
            """));
        await console.Page.GetByTestId("imports-start").ClickAsync();

        var job = console.Page.GetByTestId("imports-job");
        await Expect(job).ToHaveAttributeAsync("data-state", "completed");
        await Expect(job).ToContainTextAsync("已完成");
        foreach (var (count, value) in new[] { ("read", "5"), ("added", "2"), ("unchanged", "0"), ("refused", "2"), ("conflicts", "1"), ("attached", "1") })
            await Expect(console.Page.GetByTestId($"imports-{count}")).ToHaveTextAsync(value);
        var problems = console.Page.GetByTestId("imports-problem");
        await Expect(problems).ToHaveCountAsync(3);
        Assert.Equal([("4", "refused", "customerId"), ("5", "refused", "value"), ("6", "conflict", "value")],
            await Task.WhenAll(Enumerable.Range(0, 3).Select(async i => (
                await problems.Nth(i).GetAttributeAsync("data-line") ?? "", await problems.Nth(i).GetAttributeAsync("data-state") ?? "",
                await problems.Nth(i).GetAttributeAsync("data-field") ?? ""))));
        await Expect(problems.Nth(0)).ToContainTextAsync("第 4 行");
        await Expect(problems.Nth(0)).ToContainTextAsync("客户 ID");
        await Expect(problems.Nth(2)).ToContainTextAsync("wu");
        await console.ScreenshotAsync("identity-import-zh-CN");

        var pending = (await api.Api.Identities.GetPendingAsync("ip-order"))!;
        Assert.Equal(("attached", "wu"), (pending.State, pending.CustomerId));
        Assert.Equal(1, (await api.Api.Customers.GetAsync("wu"))!.Counters.Orders);
        Assert.Equal("li", (await api.Api.Identities.LookupAsync("unionid", "o6_page_li"))!.CustomerId);
        Assert.Null(await api.Api.Identities.LookupAsync("phone", "13700137102"));
        Assert.Equal("root", (await api.Api.Identities.GetImportAsync((await console.Page.GetByTestId("imports-job").GetAttributeAsync("data-job-id"))!)).By);
    }

    [Fact]
    public async Task A_gbk_csv_is_sent_naming_its_charset_and_its_chinese_email_reaches_the_index_as_written()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("import-page", "root");
        await OpenImportTabAsync(console);

        // What a spreadsheet on a Chinese Windows saves: GBK, not UTF-8, and nothing in the file says so.
        var gbk = Encoding.GetEncoding("gb18030").GetBytes("customerId,kind,value\nwu,email,吴老师@example.cn\n");
        await console.Page.GetByTestId("imports").Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "gbk.csv", MimeType = "text/csv", Buffer = gbk });
        var upload = await console.Page.RunAndWaitForRequestAsync(() => console.Page.GetByTestId("imports-start").ClickAsync(),
            r => r.Method == "POST" && r.Url.EndsWith("/api/v1/console/identity-imports", StringComparison.Ordinal));

        Assert.Equal("text/csv; charset=gb18030", await upload.HeaderValueAsync("content-type"));
        await Expect(console.Page.GetByTestId("imports-job")).ToHaveAttributeAsync("data-state", "completed");
        await Expect(console.Page.GetByTestId("imports-added")).ToHaveTextAsync("1");
        Assert.Contains((await platform.Client.Api.Identities.ListAsync("wu")).Identities, i => i.Kind == "email" && i.Value == "吴老师@example.cn");
    }

    [Fact]
    public async Task At_390_px_a_manager_imports_for_their_teams_customers_only_watches_it_run_and_cancels_it_while_staff_are_denied()
    {
        await using (var staff = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390))
        {
            await staff.SignInAsync("import-page", "alice");
            await Expect(staff.Page.GetByTestId("nav-pool")).ToHaveCountAsync(0);
            await staff.Page.GotoAsync("/pool");
            await Expect(staff.Page.GetByTestId("pool-forbidden")).ToBeVisibleAsync();
            await Expect(staff.Page.GetByTestId("imports")).ToHaveCountAsync(0);
        }
        var csv = new StringBuilder("customerId,kind,value\nwu,email,wu@example.com\nli,email,li@example.com\n");
        for (var n = 0; n < 20_000; n++) csv.Append($"ip-new-{n},email,new{n}@example.com\n");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844);
        await console.SignInAsync("import-page", "dana");
        await OpenImportTabAsync(console);

        await console.Page.GetByTestId("imports").Locator("input[type=file]").SetInputFilesAsync(Csv("team.csv", csv.ToString()));
        await console.Page.GetByTestId("imports-start").ClickAsync();
        var job = console.Page.GetByTestId("imports-job");
        await Expect(job).ToHaveAttributeAsync("data-state", "running");
        await Expect(console.Page.GetByTestId("imports-read")).ToHaveTextAsync("20002");
        Assert.False(await console.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"));
        await console.Page.GetByTestId("imports-cancel").ClickAsync();

        await Expect(job).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(job).ToContainTextAsync("已取消");
        var jobId = (await job.GetAttributeAsync("data-job-id"))!;
        var final = await platform.Client.Api.Identities.GetImportAsync(jobId);
        Assert.True(final.Added + final.Refused < final.Read, $"{final.Added + final.Refused} of {final.Read} rows worked: the import was not stopped");
        Assert.Equal(("dana", 1L), (final.By, final.Added));
        // li is alice's, outside dana's team: refused as an unknown customer would be, and the page says so by line and field.
        var li = console.Page.Locator("[data-testid=imports-problem][data-line='3']");
        await Expect(li).ToHaveAttributeAsync("data-field", "customerId");
        await Expect(li).ToContainTextAsync("不是你团队的客户");
        await console.ScreenshotAsync("identity-import-390-zh-CN");
        Assert.Equal("wu", (await platform.Client.Api.Identities.LookupAsync("email", "wu@example.com"))!.CustomerId);
        Assert.Null(await platform.Client.Api.Identities.LookupAsync("email", "li@example.com"));
    }
}
