using System.Text;
using Microsoft.Playwright;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The tag catalog page and the customer's tag box in a real browser, at a desktop's width and the WeCom sidebar's:
/// an admin creates an exclusive group and a tag in it, renames and deletes a tag (tag jobs on every holder); renames
/// a group, makes it exclusive (refused while a customer holds two of its tags) and not, edits a tag's names, merges a
/// tag into another following the job's progress, and deletes the group; a manager reads the catalog; a staff member
/// typing 干 in a customer's tag box is offered 干皮 and adds its tag; an admin tags customers in batches by id list, CSV
/// file and saved segment (in Chinese at a desktop's width, in English at 360 px), and a manager by segment.
/// </summary>
public sealed class TagCatalogPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        await api.PostEventsAsync(Events.FriendAdded("tc-1", "mei", "alice", nickname: "Mei"));
        return api;
    }

    /// <summary>Waits up to 30 s for a tag job's effect on the customers.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !await condition(); await Task.Delay(200))
            Assert.True(DateTime.UtcNow < deadline, "the tag job's change did not reach the customer within 30 s");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task An_admin_creates_a_group_and_a_tag_renames_and_deletes_tags_and_a_manager_reads_the_catalog(int width)
    {
        var tenant = $"catalog-{width}";
        using var api = await TenantAsync(tenant);
        await api.Api.Customers.AddTagsAsync("mei", ["vip"]);
        await api.Api.Tags.CreateAsync(new CreateTagRequest("vip"));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync(tenant, "root");
        await page.GetByTestId("nav-tags").ClickAsync();

        await page.GetByTestId("group-id").Locator("input").FillAsync("skin");
        await page.GetByTestId("group-name-zh").Locator("input").FillAsync("肤质");
        await page.GetByTestId("group-name-en").Locator("input").FillAsync("Skin type");
        await page.GetByTestId("group-exclusive").ClickAsync();
        await page.GetByTestId("group-create").ClickAsync();
        var group = page.Locator("[data-testid=tag-group][data-group=skin]");
        await Expect(group).ToContainTextAsync("肤质");
        await Expect(group.GetByTestId("tag-group-exclusive")).ToBeVisibleAsync();

        await page.GetByTestId("tag-id").Locator("input").FillAsync("skin-dry");
        await page.GetByTestId("tag-group-select").ClickAsync();
        await page.Locator(".n-base-select-option", new() { HasText = "肤质" }).ClickAsync();
        await page.GetByTestId("tag-name-zh").Locator("input").FillAsync("干皮");
        await page.GetByTestId("tag-name-en").Locator("input").FillAsync("Dry skin");
        await page.GetByTestId("tag-create").ClickAsync();
        await Expect(group.Locator("[data-testid=catalog-tag][data-tag=skin-dry]")).ToContainTextAsync("干皮");
        await console.ScreenshotAsync($"tag-catalog-{width}");

        var catalog = await api.Api.Tags.ListGroupsAsync();
        var skin = Assert.Single(catalog.Items);
        Assert.True(skin.Exclusive);
        Assert.Equal("Skin type", skin.Names["en"]);
        Assert.Equal(["skin-dry"], skin.Tags);

        // Rename vip: a tag job renames it on Mei too.
        await page.Locator("[data-testid=catalog-tag][data-tag=vip]").GetByTestId("tag-rename").ClickAsync();
        await page.GetByTestId("tag-rename-to").Locator("input").FillAsync("vip-gold");
        await page.GetByTestId("tag-rename-go").ClickAsync();
        await Expect(page.Locator("[data-testid=catalog-tag][data-tag=vip-gold]")).ToBeVisibleAsync();
        await UntilAsync(async () => (await api.Api.Customers.GetAsync("mei"))!.Tags.SequenceEqual(["vip-gold"]));

        // Delete it: gone from the catalog and from Mei.
        await page.Locator("[data-testid=catalog-tag][data-tag=vip-gold]").GetByTestId("tag-delete").ClickAsync();
        await console.ConfirmAsync("删除");
        await Expect(page.Locator("[data-testid=catalog-tag][data-tag=vip-gold]")).ToHaveCountAsync(0);
        await UntilAsync(async () => (await api.Api.Customers.GetAsync("mei"))!.Tags.Count == 0);

        // A manager reads the catalog and changes nothing.
        await using var manager = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        await manager.SignInAsync(tenant, "mia");
        await manager.Page.GetByTestId("nav-tags").ClickAsync();
        await Expect(manager.Page.Locator("[data-testid=tag-group][data-group=skin]")).ToContainTextAsync("干皮");
        await Expect(manager.Page.GetByTestId("tags-read-only")).ToBeVisibleAsync();
        await Expect(manager.Page.GetByTestId("tag-group-form")).ToHaveCountAsync(0);
        await Expect(manager.Page.GetByTestId("tag-delete")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task An_admin_renames_a_group_makes_it_exclusive_edits_and_merges_tags_following_the_job_and_deletes_the_group(int width)
    {
        var tenant = $"catalog-edit-{width}";
        using var api = await TenantAsync(tenant);
        var tags = api.Api.Tags;
        await tags.CreateGroupAsync(new CreateTagGroupRequest("skin", new Dictionary<string, string> { ["zh-CN"] = "肤质", ["en"] = "Skin type", ["ja"] = "肌質" }));
        await tags.CreateAsync(new CreateTagRequest("skin-oily", "skin", new Dictionary<string, string> { ["zh-CN"] = "油皮" }));
        await tags.CreateAsync(new CreateTagRequest("skin-dry", "skin", new Dictionary<string, string> { ["zh-CN"] = "干皮", ["ja"] = "乾燥肌" }));
        await tags.CreateAsync(new CreateTagRequest("big-spender"));
        await tags.CreateAsync(new CreateTagRequest("vip"));
        await api.PostEventsAsync(Events.FriendAdded("tc-3", "lin", "alice", nickname: "Lin"));
        await api.Api.Customers.AddTagsAsync("mei", ["skin-oily", "skin-dry", "big-spender"]);
        await api.Api.Customers.AddTagsAsync("lin", ["big-spender", "vip"]);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync(tenant, "root");
        await page.GetByTestId("nav-tags").ClickAsync();
        var group = page.Locator("[data-testid=tag-group][data-group=skin]");

        // Rename the group in Chinese and English; its Japanese name stays.
        await group.GetByTestId("group-edit").ClickAsync();
        await group.GetByTestId("group-edit-zh").Locator("input").FillAsync("肤质类型");
        await group.GetByTestId("group-edit-en").Locator("input").FillAsync("Skin kind");
        await group.GetByTestId("group-edit-save").ClickAsync();
        await Expect(group.Locator(".card__title")).ToContainTextAsync("肤质类型");
        var skin = Assert.Single((await tags.ListGroupsAsync()).Items);
        Assert.Equal(("肤质类型", "Skin kind", "肌質", false), (skin.Names["zh-CN"], skin.Names["en"], skin.Names["ja"], skin.Exclusive));

        // Exclusive while Mei holds both of its tags: refused at the group, nothing changed; once she holds one, made so.
        await group.GetByTestId("group-make-exclusive").ClickAsync();
        await console.ConfirmAsync("设为互斥");
        await Expect(group.GetByTestId("group-refusal")).ToContainTextAsync("1 位客户持有 [skin-oily、skin-dry] 中的两个或更多");
        Assert.False(Assert.Single((await tags.ListGroupsAsync()).Items).Exclusive);
        await api.Api.Customers.RemoveTagsAsync("mei", ["skin-dry"]);
        await group.GetByTestId("group-make-exclusive").ClickAsync();
        await console.ConfirmAsync("设为互斥");
        await Expect(group.GetByTestId("tag-group-exclusive")).ToBeVisibleAsync();
        await Expect(group.GetByTestId("group-refusal")).ToHaveCountAsync(0);
        Assert.True(Assert.Single((await tags.ListGroupsAsync()).Items).Exclusive);
        await group.GetByTestId("group-make-not-exclusive").ClickAsync();
        await Expect(group.GetByTestId("tag-group-exclusive")).ToHaveCountAsync(0);
        Assert.False(Assert.Single((await tags.ListGroupsAsync()).Items).Exclusive);

        // A tag's names per language: English added, Chinese changed, Japanese kept.
        var dry = page.Locator("[data-testid=catalog-tag][data-tag=skin-dry]");
        await dry.GetByTestId("tag-edit").ClickAsync();
        await dry.GetByTestId("tag-edit-zh").Locator("input").FillAsync("干性皮肤");
        await dry.GetByTestId("tag-edit-en").Locator("input").FillAsync("Dry skin");
        await dry.GetByTestId("tag-edit-save").ClickAsync();
        await Expect(dry.Locator(".tag-list__name")).ToHaveTextAsync("干性皮肤");
        var edited = Assert.Single((await tags.ListAsync()).Items, t => t.Tag == "skin-dry");
        Assert.Equal(("skin", "干性皮肤", "Dry skin", "乾燥肌"), (edited.GroupId, edited.Names["zh-CN"], edited.Names["en"], edited.Names["ja"]));

        // Merge big-spender into vip: the job's progress is read until it completes, and both holders keep vip alone.
        await page.Locator("[data-testid=catalog-tag][data-tag=big-spender]").GetByTestId("tag-merge").ClickAsync();
        await page.GetByTestId("tag-merge-into").ClickAsync();
        await page.Locator(".n-base-select-option", new() { HasText = "vip" }).ClickAsync();
        await page.GetByTestId("tag-merge-go").ClickAsync();
        var job = page.GetByTestId("tag-job");
        await Expect(job).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 30_000 });
        await Expect(job.GetByTestId("tag-job-progress")).ToContainTextAsync("100%");
        var merged = await tags.GetJobAsync((await job.GetAttributeAsync("data-job-id"))!);
        Assert.Equal(("merge", "completed", 2L, 2L, 2L, 0L), (merged.Spec.Kind, merged.State, merged.Total, merged.Done, merged.Changed, merged.Failed));
        foreach (var (testId, value) in new[] { ("tag-job-total", merged.Total), ("tag-job-done", merged.Done), ("tag-job-changed", merged.Changed), ("tag-job-failed", merged.Failed) })
            await Expect(job.GetByTestId(testId)).ToHaveTextAsync(value.ToString());
        await Expect(page.Locator("[data-testid=catalog-tag][data-tag=big-spender]")).ToHaveCountAsync(0);
        Assert.Equal(["skin-oily", "vip"], (await api.Api.Customers.GetAsync("mei"))!.Tags.Order(StringComparer.Ordinal));
        Assert.Equal(["vip"], (await api.Api.Customers.GetAsync("lin"))!.Tags);
        await console.ScreenshotAsync($"tag-catalog-job-{width}");

        // Delete the group: its tags stay in the catalog outside any group, and Mei keeps hers.
        await group.GetByTestId("group-delete").ClickAsync();
        await console.ConfirmAsync("删除");
        await Expect(group).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=tag-group][data-group='']").Locator("[data-testid=catalog-tag][data-tag=skin-dry]")).ToBeVisibleAsync();
        Assert.Empty((await tags.ListGroupsAsync()).Items);
        Assert.All((await tags.ListAsync()).Items.Where(t => t.Tag.StartsWith("skin-", StringComparison.Ordinal)), t => Assert.Null(t.GroupId));
        Assert.Contains("skin-oily", (await api.Api.Customers.GetAsync("mei"))!.Tags);
    }

    /// <summary>Picks (or types) a tag in one of the batch's tag selects.</summary>
    private static async Task ChooseTagAsync(ConsolePage console, string select, string tag)
    {
        await console.Page.GetByTestId(select).ClickAsync();
        await console.Page.Keyboard.TypeAsync(tag);
        await console.Page.Keyboard.PressAsync("Enter");
        await console.Page.Keyboard.PressAsync("Escape");
    }

    /// <summary>Starts the batch, waits for its job (not the one before) to say completed, then reads its total, done, changed and failed.</summary>
    private static async Task<(string, string, string, string)> StartBatchAsync(ConsolePage console)
    {
        var job = console.Page.GetByTestId("tag-job");
        var before = await job.CountAsync() > 0 ? await job.GetAttributeAsync("data-job-id") : null;
        await console.Page.GetByTestId("batch-start").ClickAsync();
        if (before is not null) await Expect(job).Not.ToHaveAttributeAsync("data-job-id", before);
        await Expect(job).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 30_000 });
        return (await job.GetByTestId("tag-job-total").InnerTextAsync(), await job.GetByTestId("tag-job-done").InnerTextAsync(),
            await job.GetByTestId("tag-job-changed").InnerTextAsync(), await job.GetByTestId("tag-job-failed").InnerTextAsync());
    }

    [Theory]
    [InlineData(1280, false)]
    [InlineData(360, true)]
    public async Task An_admin_tags_customers_in_batches_by_id_list_csv_file_and_segment_following_each_job_and_sees_a_refusal_at_its_field(int width, bool english)
    {
        var tenant = $"batch-{width}";
        using var api = await TenantAsync(tenant);
        await api.PostEventsAsync(Events.FriendAdded("tc-2", "lin", "alice", nickname: "Lin"), Events.FriendAdded("tc-3", "wu", "alice", nickname: "Wu"));
        await api.Api.Tags.CreateAsync(new CreateTagRequest("vip", Names: new Dictionary<string, string> { ["zh-CN"] = "贵宾", ["en"] = "VIP" }));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync(tenant, "root");
        if (english) await page.GetByTestId("language").ClickAsync();
        await page.GetByTestId("nav-tags").ClickAsync();
        var batch = page.GetByTestId("batch-tagging");
        await Expect(batch).ToContainTextAsync(english ? "Batch tagging" : "批量打标签");

        // An id list (commas, spaces, a customer nobody has): each known one tagged, the unknown one failed.
        await ChooseTagAsync(console, "batch-add", "vip");
        await batch.GetByTestId("batch-ids").Locator("textarea").FillAsync("mei, lin\nnobody\n");
        Assert.Equal(("3", "2", "2", "1"), await StartBatchAsync(console));
        Assert.Contains("vip", (await api.Api.Customers.GetAsync("lin"))!.Tags);
        await Expect(page.GetByTestId("tag-job-failure")).ToHaveCountAsync(1);
        // Its reason in the admin's language, as the job was started in it.
        await Expect(page.GetByTestId("tag-job-failure")).ToContainTextAsync(
            english ? "Customer 'nobody' has no events, owner or tags yet" : "客户 'nobody' 尚无事件、负责人或标签");
        // "100%" on one line, not its sign below.
        Assert.True((await page.GetByTestId("tag-job").Locator(".n-progress-icon--as-text").BoundingBoxAsync())!.Height < 30);
        await console.ScreenshotAsync($"tag-batch-ids-{width}{(english ? "-en" : "")}");

        // A malformed id: refused at the list, nothing started.
        await batch.GetByTestId("batch-ids").Locator("textarea").FillAsync("mei a/b");
        await batch.GetByTestId("batch-start").ClickAsync();
        await Expect(batch.GetByTestId("batch-error-ids")).ToContainTextAsync("customerIds[1]");

        // A CSV file with a byte-order mark, a header, a blank line and a customer twice: each customer once.
        await page.GetByTestId("batch-source-csv").ClickAsync();
        await batch.GetByTestId("batch-csv").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "customers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("\uFEFFcustomerId\r\nmei\r\n\r\nwu\r\nmei\r\n"),
        });
        await ChooseTagAsync(console, "batch-remove", "vip");
        await batch.GetByTestId("batch-start").ClickAsync();
        await Expect(batch.GetByTestId("batch-error-remove")).ToContainTextAsync(english ? "'remove' must not hold 'vip'" : "'remove' 不能含 'add' 已有的 'vip'");
        await page.GetByTestId("batch-add").Locator(".n-base-close").First.ClickAsync();
        await ChooseTagAsync(console, "batch-add", "csv-gift");
        Assert.Equal(("2", "2", "2", "0"), await StartBatchAsync(console));
        var mei = (await api.Api.Customers.GetAsync("mei"))!.Tags;
        Assert.Equal((true, false), (mei.Contains("csv-gift"), mei.Contains("vip")));

        // A saved segment: its members now.
        await api.Api.Segments.CreateAsync(new SegmentRequest("贵宾客户", new SegmentFilter(Tags: new TagCondition(Any: ["vip"]))));
        await page.ReloadAsync();
        // The pickers offer the free tags customers hold too (csv-gift is in no catalog).
        await page.GetByTestId("batch-remove").ClickAsync();
        await Expect(page.Locator(".n-base-select-option", new() { HasText = "csv-gift" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("batch-source-segment").ClickAsync();
        await ChooseTagAsync(console, "batch-add", "seg-gift");
        await page.GetByTestId("batch-segment").ClickAsync();
        await page.Locator(".n-base-select-option", new() { HasText = "贵宾客户" }).ClickAsync();
        Assert.Equal(("1", "1", "1", "0"), await StartBatchAsync(console));
        Assert.Contains("seg-gift", (await api.Api.Customers.GetAsync("lin"))!.Tags);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await console.ScreenshotAsync($"tag-batch-segment-{width}{(english ? "-en" : "")}");

        // A manager tags by segment only (their team's members of it).
        await using var manager = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        await manager.SignInAsync(tenant, "mia");
        await manager.Page.GetByTestId("nav-tags").ClickAsync();
        await Expect(manager.Page.GetByTestId("batch-segment")).ToBeVisibleAsync();
        await Expect(manager.Page.GetByTestId("batch-source")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Typing_in_a_customers_tag_box_suggests_catalog_tags_by_name_and_free_tags_and_adds_the_tag(int width)
    {
        var tenant = $"tagbox-{width}";
        using var api = await TenantAsync(tenant);
        await api.Api.Tags.CreateGroupAsync(new CreateTagGroupRequest("skin", new Dictionary<string, string> { ["zh-CN"] = "肤质", ["en"] = "Skin type" }, Exclusive: true));
        await api.Api.Tags.CreateAsync(new CreateTagRequest("skin-dry", "skin", new Dictionary<string, string> { ["zh-CN"] = "干皮", ["en"] = "Dry skin" }));
        await api.PostEventsAsync(Events.FriendAdded("tc-2", "lin", "alice", nickname: "Lin"));
        await api.Api.Customers.AddTagsAsync("lin", ["干货爱好者"]);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync(tenant, "alice");
        await page.GotoAsync("/customers/mei");

        var box = page.GetByTestId("new-tag").Locator("input");
        // 64 emoji are 64 characters, as the server counts them, not 128.
        var emoji = string.Concat(Enumerable.Repeat("👍", 64));
        await box.FillAsync(emoji);
        await Expect(box).ToHaveValueAsync(emoji);
        await page.GetByTestId("add-tag").ClickAsync();
        await Expect(page.Locator($"[data-testid=tag][data-tag='{emoji}']")).ToBeVisibleAsync();
        Assert.Contains(emoji, (await api.Api.Customers.GetAsync("mei"))!.Tags);
        await box.FillAsync("干");
        var menu = page.Locator(".n-auto-complete-menu");
        await Expect(menu.Locator(".n-base-select-option", new() { HasText = "干皮 · skin-dry" })).ToBeVisibleAsync();
        await Expect(menu.Locator(".n-base-select-option", new() { HasText = "干货爱好者" })).ToBeVisibleAsync();
        await menu.Locator(".n-base-select-option", new() { HasText = "干皮 · skin-dry" }).ClickAsync();
        await Expect(box).ToHaveValueAsync("干皮 · skin-dry");
        await page.GetByTestId("add-tag").ClickAsync();
        await Expect(page.Locator("[data-testid=tag][data-tag=skin-dry]")).ToBeVisibleAsync();
        Assert.Contains("skin-dry", (await api.Api.Customers.GetAsync("mei"))!.Tags);
        await console.ScreenshotAsync($"tag-box-{width}");
    }
}
