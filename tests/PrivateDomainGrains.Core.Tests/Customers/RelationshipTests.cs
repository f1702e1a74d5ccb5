using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Tests.Customers;

/// <summary>
/// WeCom lets several staff members follow one customer: the customer holds a relationship per staff member, nudges
/// about a relationship go to its staff member, the customer is lost only when none remains, and the owner is a
/// separate choice (first follower by event time unless someone assigns one).
/// </summary>
public sealed class RelationshipTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private int _ids;

    private Decision Apply(CustomerProfile c, string type, DateTimeOffset at, string? staff, CompiledPlaybook? p = null) =>
        DecisionEngine.Decide(p ?? CompiledPlaybook.Default, c,
            EngineInput.FromEvent(new CustomerEvent($"e{++_ids}", c.CustomerId, type, at, "wecom", staff, type == EventTypes.MessageReceived ? "hi" : null, null)),
            new DecisionContext(at));

    private static IEnumerable<(string Source, string? To)> Open(CustomerProfile c) =>
        c.Engine.RecentNudges?.Where(n => n.Open).Select(n => (n.Source, n.To)) ?? [];

    [Fact]
    public void A_second_follower_is_welcomed_by_themself_and_the_owner_stays()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        var bob = Apply(c, EventTypes.FriendAdded, T.AddMinutes(5), "bob");

        Assert.Equal("bob", Assert.Single(bob.Raised).Nudge.To);
        Assert.Equal("alice", c.OwnerStaffId);
        Assert.Equal([(NudgeKinds.Welcome, "alice"), (NudgeKinds.Welcome, "bob")], Open(c).Select(n => (n.Source, n.To)));
    }

    [Fact]
    public void Deleting_one_follower_tells_that_follower_and_leaves_the_customer_active()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        Apply(c, EventTypes.FriendAdded, T.AddMinutes(5), "bob");
        var deleted = Apply(c, EventTypes.FriendDeleted, T.AddMinutes(10), "bob");

        Assert.Equal(CustomerStatus.Active, c.Status);
        Assert.Equal("bob", Assert.Single(deleted.Raised).Nudge.To);
        Assert.Equal(NudgeKinds.Welcome, deleted.Closed.Single() is var closed && closed.How == NudgeClosings.Obsolete ? NudgeKinds.Welcome : null);
        Assert.Equal([(NudgeKinds.Welcome, "alice"), (NudgeKinds.CustomerLost, "bob")], Open(c));
        Assert.Equal("alice", c.OwnerStaffId);
    }

    [Fact]
    public void The_customer_is_lost_only_when_no_relationship_remains()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        Apply(c, EventTypes.FriendAdded, T.AddMinutes(5), "bob");
        Apply(c, EventTypes.FriendDeleted, T.AddMinutes(10), "alice");
        Assert.Equal(CustomerStatus.Active, c.Status);
        Apply(c, EventTypes.FriendDeleted, T.AddMinutes(20), "bob");
        Assert.Equal(CustomerStatus.Lost, c.Status);
        Assert.Equal(T.AddMinutes(20), c.LostAt());
    }

    [Fact]
    public void A_deletion_naming_no_one_ends_every_relationship_changed_before_it()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        Apply(c, EventTypes.FriendAdded, T.AddMinutes(30), "bob");
        Apply(c, EventTypes.FriendDeleted, T.AddMinutes(20), null);

        Assert.Equal(CustomerStatus.Active, c.Status);
        Assert.False(c.IsActive(c.RelationshipWith("alice")!));
        Assert.True(c.IsActive(c.RelationshipWith("bob")!));
    }

    [Fact]
    public void A_customer_added_back_closes_the_lost_alert_as_done()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        Apply(c, EventTypes.FriendDeleted, T.AddHours(1), "alice");
        var back = Apply(c, EventTypes.FriendAdded, T.AddHours(2), "alice");

        Assert.Contains(back.Closed, x => x.How == NudgeClosings.DoneByAction);
        Assert.DoesNotContain(Open(c), n => n.Source == NudgeKinds.CustomerLost);
    }

    [Fact]
    public void The_owner_is_the_first_follower_by_event_time_even_when_heard_of_late()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T.AddMinutes(5), "bob");
        Assert.Equal(("bob", OwnerBasis.Follower), (c.OwnerStaffId, c.OwnerBasis));
        Apply(c, EventTypes.MessageReceived, T.AddMinutes(6), null);

        var alice = Apply(c, EventTypes.FriendAdded, T, "alice");
        Assert.Equal(new OwnerChange("bob", "alice"), alice.OwnerChange);
        Assert.Equal("alice", c.OwnerStaffId);
        // The reply to a message that named no one is the owner's, whoever that is; bob's own welcome stays his.
        Assert.Equal([(NudgeKinds.Welcome, "bob"), (NudgeKinds.Reply, null), (NudgeKinds.Welcome, "alice")], Open(c));
    }

    [Fact]
    public void When_the_owner_is_deleted_the_first_remaining_follower_owns()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        Apply(c, EventTypes.FriendAdded, T.AddMinutes(5), "bob");
        var d = Apply(c, EventTypes.FriendDeleted, T.AddMinutes(10), "alice");
        Assert.Equal(new OwnerChange("alice", "bob"), d.OwnerChange);
    }

    [Fact]
    public void An_assigned_owner_stays_whoever_follows()
    {
        var c = new CustomerProfile { CustomerId = "c1", OwnerStaffId = "manager", OwnerBasis = OwnerBasis.Assigned };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        Assert.Equal("manager", c.OwnerStaffId);
    }

    [Fact]
    public void Without_followers_the_playbooks_fallback_owner_owns_until_someone_follows()
    {
        var spec = DefaultPlaybook.Create("t1");
        spec.Ownership = new OwnershipSpec { FallbackOwner = "frontdesk" };
        var p = CompiledPlaybook.Compile(spec);
        var c = new CustomerProfile { CustomerId = "c1" };

        var message = Apply(c, EventTypes.MessageReceived, T, null, p);
        Assert.Equal(("frontdesk", OwnerBasis.Fallback), (c.OwnerStaffId, c.OwnerBasis));
        Assert.Null(Assert.Single(message.Raised).Nudge.To);

        var followed = Apply(c, EventTypes.FriendAdded, T.AddMinutes(1), "alice", p);
        Assert.Equal(("alice", OwnerBasis.Follower), (c.OwnerStaffId, c.OwnerBasis));
        Assert.Equal(new OwnerChange("frontdesk", "alice"), followed.OwnerChange);
    }

    [Fact]
    public void A_profile_from_before_relationships_keeps_its_status_and_owner()
    {
        var c = new CustomerProfile { CustomerId = "c1", OwnerStaffId = "alice", Status = CustomerStatus.Active, FirstSeenAt = T };
        Apply(c, EventTypes.FriendAdded, T.AddDays(1), "bob");
        Assert.Equal(["alice", "bob"], c.Relationships!.Select(r => r.StaffId));
        Apply(c, EventTypes.FriendDeleted, T.AddDays(2), "bob");
        Assert.Equal(CustomerStatus.Active, c.Status);
        Assert.Equal("alice", c.OwnerStaffId);
    }

    [Fact]
    public void After_a_handover_callbacks_still_naming_the_former_follower_address_whoever_holds_the_relationship_now()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        c.HandOverRelationship("alice", "bob");
        c.HandOverRelationship("bob", "carol");

        var reply = Apply(c, EventTypes.MessageReceived, T.AddMinutes(5), "alice");
        Assert.Equal("carol", Assert.Single(reply.Raised).Nudge.To);

        // Once alice adds the customer again the relationship is hers, and so is what names her.
        Apply(c, EventTypes.FriendAdded, T.AddMinutes(10), "alice");
        var again = Apply(c, EventTypes.MessageReceived, T.AddMinutes(15), "alice");
        Assert.Contains(again.Raised, r => r.Nudge.Kind == NudgeKinds.Reply && r.Nudge.To == "alice");
    }

    [Fact]
    public void After_a_handover_of_a_customer_assigned_without_a_relationship_callbacks_naming_the_former_owner_address_the_new_one()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "dave");
        c.OwnerStaffId = "alice";
        c.HandOverRelationship("alice", "bob");

        var reply = Apply(c, EventTypes.MessageReceived, T.AddMinutes(5), "alice");

        Assert.Equal("bob", Assert.Single(reply.Raised).Nudge.To);
        Assert.Equal("dave", c.AddresseeFor("dave"));
    }

    [Fact]
    public void A_relationship_handed_back_is_addressed_to_its_holder_again()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        Apply(c, EventTypes.FriendAdded, T, "alice");
        c.HandOverRelationship("alice", "bob");
        c.HandOverRelationship("bob", "alice");

        Assert.Equal("alice", c.AddresseeFor("alice"));
        Assert.Equal("alice", c.AddresseeFor("bob"));
    }

    [Fact]
    public void A_handover_readdresses_the_leavers_held_nudges_too_so_none_is_raised_to_them_later()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        PlannedNudge Held(string id, string? to) =>
            new(id, "k", "Title", "Text", null, "reason", 50, id, "event page.viewed", "wecom", true, 1, 1) { To = to };
        c.Engine.Held = [new(Held("n-alice", "alice"), T, "cap"), new(Held("n-owner", null), T, "cap"), new(Held("n-dan", "dan"), T, "cap")];

        c.Engine.Readdress("alice", "bob");

        Assert.Equal(["bob", null, "dan"], c.Engine.Held.Select(h => h.Nudge.To));
    }
}
