using PrivateDomainGrains.Core.Events;
using System.Text.Json;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests;

/// <summary>The customer grain decides with its tenant's current playbook and feeds outcomes back to the tenant's model.</summary>
public sealed class CustomerDecisionTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    /// <summary>Oily-skin keywords tag the customer 油皮, and that tag raises a reactive guide nudge with suggested content.</summary>
    private const string OilySkinPlaybook = """
        {
          "keywords": [ { "keyword": "油皮", "tag": "油皮" }, { "keyword": "oily skin", "tag": "油皮" } ],
          "rules": [
            { "id": "oily-guide", "description": "Asked about oily skin",
              "trigger": { "kind": "tagAdded", "tag": "油皮" },
              "actions": [ { "kind": "nudge", "nudgeKind": "guide", "title": "{name} has oily skin", "script": "Send the oily-skin guide",
                             "suggested": "https://example.com/oily-skin-guide", "proactive": false } ] }
          ]
        }
        """;

    private static CustomerEvent Event(string id, string customerId, string type, string? staffId = null, string? text = null) =>
        new(id, customerId, type, DateTimeOffset.UtcNow, "wecom", staffId, text, null);

    private ICustomerGrain Customer(string tenant, string id) => fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, id));

    [Fact]
    public async Task A_new_playbook_reaches_an_already_active_customer_without_a_restart()
    {
        var li = Customer("pb1", "li");
        await li.IngestAsync([Event("pb1-1", "li", "friend.added", staffId: "alice"), Event("pb1-2", "li", "message.received", text: "我是油皮")]);
        Assert.DoesNotContain("油皮", (await li.GetAsync())!.Tags);

        var put = await fixture.Grains.GetGrain<ITenantPlaybookGrain>("pb1").PutAsync(OilySkinPlaybook);
        await Eventually.Async(li.GetAsync, v => v!.PlaybookVersion == put.Version);
        await li.IngestAsync([Event("pb1-3", "li", "message.received", text: "Any tips for ＯＩＬＹ Skin?")]);

        var view = (await li.GetAsync())!;
        Assert.Contains("油皮", view.Tags);
        Assert.Equal("guide", view.NextBestAction!.Kind);
        var guide = Assert.Single(await OpenNudgesAsync("pb1", "alice"), n => n.Kind == "guide");
        Assert.Equal("https://example.com/oily-skin-guide", guide.Suggested);
        Assert.StartsWith("oily-guide (tag 油皮 added): score", guide.Explanation);
    }

    [Fact]
    public async Task A_reply_to_an_acted_on_nudge_and_dismissing_one_teach_the_tenants_model_and_done_alone_does_not()
    {
        var wang = Customer("pb2", "wang");
        await wang.IngestAsync([Event("pb2-1", "wang", "friend.added", staffId: "alice")]);
        // The owner welcomes the customer (Done: no outcome yet), who answers soon after: the reply is the welcome's success.
        await wang.RecordResponseAsync((await OpenNudgesAsync("pb2", "alice")).Single(n => n.Kind == "welcome").NudgeId, NudgeResponse.Acted);
        await wang.IngestAsync([Event("pb2-2", "wang", "message.received", text: "hi")]);
        // The reply nudge that message raised is judged not useful.
        await wang.RecordResponseAsync((await OpenNudgesAsync("pb2", "alice")).Single(n => n.Kind == "reply").NudgeId, NudgeResponse.Dismissed);

        var learning = fixture.Grains.GetGrain<ITenantLearningGrain>("pb2");
        await Eventually.Async(learning.GetVersionAsync, v => v == 2);
        var model = JsonSerializer.Deserialize<PropensityModel>((await learning.GetModelAsync(PropensityModelDocument.NoVersion))!.Json)!;
        Assert.Equal((2.0, 1.0), model.Posterior("welcome", PropensityModel.AllSegments));
        Assert.Equal((1.0, 2.0), model.Posterior("reply", PropensityModel.AllSegments));
    }

    private Task<List<NudgeRow>> OpenNudgesAsync(string tenant, string staffId) => fixture.Inbox.ReadOpenAsync(tenant, staffId, null, 100);
}
