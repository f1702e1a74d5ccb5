using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The tag catalog page and the customer's tag box in a real browser, at a desktop's width and the WeCom sidebar's:
/// an admin creates an exclusive group and a tag in it, renames and deletes a tag (tag jobs on every holder); a
/// manager reads the catalog; a staff member typing 干 in a customer's tag box is offered 干皮 and adds its tag.
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
