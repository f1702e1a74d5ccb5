using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Customers;

/// <summary>The customer directory follows every customer's commits, and lists and searches without activating anyone.</summary>
public sealed class CustomerDirectoryTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private ICustomerGrain Customer(string tenant, string id) => fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, id));

    private async Task AddFriendAsync(string tenant, string id, string staffId, string nickname, DateTimeOffset at) =>
        await Customer(tenant, id).IngestAsync([new CustomerEvent($"{tenant}-{id}-add", id, EventTypes.FriendAdded, at, "wecom", staffId, null,
            new Dictionary<string, string> { ["nickname"] = nickname })]);

    private async Task<List<string>> IdsAsync(string tenant, DirectoryFilter filter, DirectoryCursor? after = null, int limit = 50) =>
        (await fixture.Directory.ListAsync(tenant, filter, after, limit)).Rows.ConvertAll(r => r.CustomerId);

    [Fact]
    public async Task A_staff_members_customers_are_listed_most_recently_active_first_in_keyset_pages()
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-10);
        for (var i = 0; i < 5; i++) await AddFriendAsync("dir1", "c" + i, "alice", "客户" + i, t0.AddHours(i));
        await AddFriendAsync("dir1", "other", "bob", "别人", t0);

        var (first, more) = await fixture.Directory.ListAsync("dir1", new DirectoryFilter(["alice"]), null, 2);
        Assert.Equal(["c4", "c3"], first.Select(r => r.CustomerId));
        Assert.True(more);
        var last = first[^1];
        Assert.Equal(["c2", "c1", "c0"], await IdsAsync("dir1", new DirectoryFilter(["alice"]), new DirectoryCursor(last.LastInteractionAt, last.CustomerId)));
    }

    [Fact]
    public async Task A_two_character_chinese_name_a_fragment_and_an_id_are_found()
    {
        var now = DateTimeOffset.UtcNow;
        await AddFriendAsync("dir2", "wx-zhang-san", "alice", "张三丰", now);
        await AddFriendAsync("dir2", "wx-li-si", "alice", "李四", now);
        await AddFriendAsync("dir2", "wx-zhang-wei", "alice", "Zhang Wei", now);

        Assert.Equal(["wx-zhang-san"], await IdsAsync("dir2", new DirectoryFilter(["alice"], Query: "张三")));
        Assert.Equal(["wx-li-si"], await IdsAsync("dir2", new DirectoryFilter(["alice"], Query: "李四")));
        Assert.Equal(["wx-zhang-wei"], await IdsAsync("dir2", new DirectoryFilter(["alice"], Query: "ZHANG w")));
        Assert.Equal(["wx-li-si"], await IdsAsync("dir2", new DirectoryFilter(["alice"], Query: "li-si")));
        Assert.Empty(await IdsAsync("dir2", new DirectoryFilter(["alice"], Query: "三张")));
    }

    [Fact]
    public async Task A_one_character_search_pages_through_the_matches_in_list_order_whether_the_character_is_common_or_rare()
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-20);
        string[] names = ["王芳", "李伟", "王伟", "张敏", "王小明", "王五", "刘王", "陈静"];
        for (var i = 0; i < names.Length; i++) await AddFriendAsync("dir6", "c" + i, "alice", names[i], t0.AddHours(i));
        await AddFriendAsync("dir6", "bobs", "bob", "王大", t0.AddHours(20));
        var alice = new DirectoryFilter(["alice"], Query: "王");

        // Common: each page is filled from the most recent customers; a page of 2 leaves more behind.
        var (first, more) = await fixture.Directory.ListAsync("dir6", alice, null, 2);
        Assert.Equal(["c6", "c5"], first.Select(r => r.CustomerId));
        Assert.True(more);
        var (second, _) = await fixture.Directory.ListAsync("dir6", alice, new DirectoryCursor(first[^1].LastInteractionAt, "c5"), 2);
        Assert.Equal(["c4", "c2"], second.Select(r => r.CustomerId));
        Assert.Equal(["c0"], await IdsAsync("dir6", alice, new DirectoryCursor(second[^1].LastInteractionAt, "c2"), 2));
        // Rare, or a page larger than the matches: the same rows, in the same order.
        Assert.Equal(["c6", "c5", "c4", "c2", "c0"], await IdsAsync("dir6", alice));
        Assert.Equal(["c7"], await IdsAsync("dir6", new DirectoryFilter(["alice"], Query: "静"), limit: 1));
        Assert.Empty(await IdsAsync("dir6", new DirectoryFilter(["alice"], Query: "曹"), limit: 1));
    }

    [Fact]
    public async Task Names_with_emoji_combining_marks_and_right_to_left_text_are_stored_and_found()
    {
        var now = DateTimeOffset.UtcNow;
        await AddFriendAsync("dir5", "wx-flower", "alice", "🌸小美👩🏽‍💻", now);
        await AddFriendAsync("dir5", "wx-cafe", "alice", "Cafe\u0301 🇨🇳", now);
        await AddFriendAsync("dir5", "wx-arabic", "alice", "مرحبا", now);

        Assert.Equal(["wx-flower"], await IdsAsync("dir5", new DirectoryFilter(["alice"], Query: "🌸小")));
        Assert.Equal(["wx-flower"], await IdsAsync("dir5", new DirectoryFilter(["alice"], Query: "美👩🏽‍💻")));
        Assert.Equal(["wx-cafe"], await IdsAsync("dir5", new DirectoryFilter(["alice"], Query: "cafe\u0301")));
        Assert.Equal(["wx-arabic"], await IdsAsync("dir5", new DirectoryFilter(["alice"], Query: "رحب")));
    }

    [Fact]
    public async Task Tags_tier_status_and_open_nudges_filter_the_list_and_follow_the_customer()
    {
        var now = DateTimeOffset.UtcNow;
        await AddFriendAsync("dir3", "vip", "alice", "A", now);
        await AddFriendAsync("dir3", "plain", "alice", "B", now);
        await Customer("dir3", "vip").AddTagsAsync(["vip"], "alice");
        await Customer("dir3", "plain").IngestAsync([new CustomerEvent("dir3-del", "plain", EventTypes.FriendDeleted, now, "wecom", "alice", null, null)]);

        Assert.Equal(["vip"], await IdsAsync("dir3", new DirectoryFilter(["alice"], Tag: "vip")));
        Assert.Equal(["plain"], await IdsAsync("dir3", new DirectoryFilter(["alice"], Status: "Lost")));
        Assert.Equal(2, (await IdsAsync("dir3", new DirectoryFilter(["alice"], HasOpenNudges: true))).Count);
        Assert.Equal(2, (await IdsAsync("dir3", new DirectoryFilter(["alice"], Tier: "Prospect"))).Count);

        await Customer("dir3", "vip").AssignOwnerAsync("bob");
        Assert.Equal(["vip"], await IdsAsync("dir3", new DirectoryFilter(["bob"])));
        Assert.True(await fixture.ScalarAsync<bool>(
            """SELECT detail = '{"tag": "vip", "by": "staff:alice"}'::jsonb FROM pdg_customer_changes WHERE tenant = 'dir3' AND kind = 'tag-added'"""));
    }
}
