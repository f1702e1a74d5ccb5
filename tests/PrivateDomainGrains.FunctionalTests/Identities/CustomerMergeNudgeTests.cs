using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Open nudges combine in a merge: the absorbed customer's go to the survivor's owner, live on their console (and off the
/// previous owner's), who can act on them there; an undo sends them back the same way.
/// </summary>
public sealed class CustomerMergeNudgeTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    [Fact]
    public async Task The_absorbed_customers_open_nudge_goes_to_the_survivors_owner_and_closes_there_and_an_undo_gives_it_back()
    {
        var playbook = await Api.Api.Playbook.PutAsync("""
            {
              "rules": [
                { "id": "reply", "trigger": { "kind": "event", "event": "message.received" },
                  "actions": [ { "kind": "nudge", "nudgeKind": "reply", "title": "Reply to {name}", "script": "Answer them", "proactive": false } ] }
              ]
            }
            """);
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        await Api.PostEventsAsync(new PostedEvent("nm-1", "nm-wx", "friend.added", at, "wecom", "alice"), new PostedEvent("nm-2", "nm-shop", "friend.added", at, "wecom", "bob"));
        for (var i = 0; i < 100 && (await Api.Api.Customers.GetAsync("nm-shop"))!.PlaybookVersion != playbook.Version; i++) await Task.Delay(100);
        await using (var bob = await platform.ConsoleAsync("bob"))
        {
            await using var alice = await platform.ConsoleAsync("alice");
            await Api.PostEventsAsync(new PostedEvent("nm-3", "nm-shop", "message.received", at.AddMinutes(1), "wecom", Text: "is it in stock?"));
            var asked = await bob.WaitForAsync(n => n.EventId == "nm-3");

            var merged = await Api.Api.Customers.MergeAsync("nm-wx", "nm-shop");

            Assert.Equal(1, merged.Merge.MovedNudges);
            var moved = await alice.WaitForAsync(n => n.Id == asked.Id);
            Assert.Equal(("nm-wx", "alice"), (moved.CustomerId, moved.StaffId));
            Assert.Equal("moved", (await bob.WaitForChangeAsync(c => c.Id == asked.Id)).Closed);
            var undone = await Api.Api.Customers.UndoMergeAsync("nm-wx", merged.Merge.MergeId);
            Assert.NotNull(undone.Merge.UndoneAt);
            // Back to bob and nm-shop, where he acts on it; a console opened now has it too.
            var back = await bob.WaitForAsync(n => n.Id == asked.Id && n.CustomerId == "nm-shop");
            Assert.Equal("bob", back.StaffId);
            Assert.Equal("moved", (await alice.WaitForChangeAsync(c => c.Id == asked.Id)).Closed);
            await using var bobAgain = await platform.ConsoleAsync("bob");
            Assert.Equal("nm-shop", (await bobAgain.WaitForAsync(n => n.Id == asked.Id)).CustomerId);

            var again = await Api.Api.Customers.MergeAsync("nm-wx", "nm-shop");
            var done = await Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("alice")).Workbench.MarkDoneAsync(asked.Id);
            Assert.Equal("closed", done.Result);
            var survivor = (await Api.Api.Customers.GetAsync("nm-shop"))!;
            Assert.Equal(("nm-wx", 3L), (survivor.CustomerId, survivor.Counters.Events));
            Assert.Equal(1, again.Merge.MovedNudges);
        }
    }
}
