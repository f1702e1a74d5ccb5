using PrivateDomainGrains.Client;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// A rule that raised nudges before it was given variants and a holdout: by variant, its pre-test nudges (the ""
/// variant) are shown with their counts but no uplift, since the holdout was drawn only once the test began and is
/// no control for them; the variants of the test are compared with it.
/// </summary>
public sealed class PreTestVariantTests : IAsyncLifetime
{
    private const string Untested = """
        { "timeZone": "UTC", "rules": [
          { "id": "reply", "priority": 60, "trigger": { "kind": "event", "event": "x.visit" },
            "actions": [ { "kind": "nudge", "nudgeKind": "follow-up", "proactive": false, "title": "Follow up {name}", "script": "Ask how it went." } ] } ] }
        """;

    private const string Tested = """
        { "timeZone": "UTC", "rules": [
          { "id": "reply", "priority": 60, "trigger": { "kind": "event", "event": "x.visit" },
            "actions": [ { "kind": "nudge", "nudgeKind": "follow-up", "proactive": false, "holdout": 0.5,
              "variants": [ { "id": "a", "weight": 1, "title": "Follow up A" }, { "id": "b", "weight": 1, "title": "Follow up B" } ],
              "title": "Follow up {name}", "script": "Ask how it went." } ] } ] }
        """;

    private static readonly string[] Before = ["pt-1", "pt-2", "pt-3"];
    private static readonly string[] During = ["pt-11", "pt-12", "pt-13", "pt-14", "pt-15", "pt-16", "pt-17", "pt-18"];

    private readonly SingleNodePlatform _platform = new();

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task The_pre_test_variant_has_no_uplift_and_the_tested_variants_have_one_over_the_holdout()
    {
        Assert.Contains(During, c => VariantAssignment.Unit(c, "reply") < 0.5);
        Assert.Contains(During, c => VariantAssignment.Unit(c, "reply") >= 0.5);
        var api = _platform.Client.Api;
        await api.Playbook.PutAsync(Untested);
        await InEffectAsync();
        await VisitAsync(Before);
        await api.Playbook.PutAsync(Tested);
        await InEffectAsync();
        await VisitAsync(During);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var report = await api.Reports.GetExecutionAsync(today.AddDays(-1), today.AddDays(1), "variant", "1h");
        while (report.Total.Raised < Before.Length + During.Length && DateTime.UtcNow < deadline)
        {
            await Task.Delay(300);
            report = await api.Reports.GetExecutionAsync(today.AddDays(-1), today.AddDays(1), "variant", "1h");
        }

        var arms = report.Groups.ToDictionary(g => g.Key);
        Assert.Equal(Before.Length, arms["reply|"].Raised);
        Assert.Null(arms["reply|"].Uplift);
        Assert.Null(arms["reply|holdout"].Uplift);
        var tested = report.Groups.Where(g => g.Key is "reply|a" or "reply|b").ToList();
        Assert.NotEmpty(tested);
        Assert.All(tested, g => Assert.Equal(arms["reply|holdout"].Raised, g.Uplift!.Control));
    }

    /// <summary>A saved playbook reaches the customers' decisions within <c>Decisions:RefreshInterval</c> (2 s).</summary>
    private static Task InEffectAsync() => Task.Delay(TimeSpan.FromSeconds(3));

    private async Task VisitAsync(string[] customers)
    {
        var response = await _platform.Client.PostEventsAsync([
            .. customers.Select(c => Events.FriendAdded(c + "-add", c, "alice")),
            .. customers.Select(c => new PostedEvent(c + "-visit", c, "x.visit"))]);
        Assert.Equal(customers.Length * 2, response.Accepted);
    }
}
