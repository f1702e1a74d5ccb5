using System.Xml;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Host.Integrations.WeCom;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>Pure tests of reading WeCom's XML and mapping callbacks onto events (examples from WeCom's event documentation).</summary>
public sealed class WeComEventMapperTests
{
    private const string Corp = "ww1436e0e65a779aee";

    private static WeComMapping Map(string xml) => WeComEventMapper.Map(Corp, WeComXml.ReadFields(xml));

    private static string Contact(string changeType, string extra = "", string createTime = "1403610513") => $"""
        <xml><ToUserName><![CDATA[{Corp}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
        <CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>
        <ChangeType><![CDATA[{changeType}]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>
        <ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA]]></ExternalUserID>{extra}</xml>
        """;

    [Fact]
    public void Add_external_contact_becomes_friend_added_by_the_staff_member_with_state_and_welcome_code()
    {
        var mapping = Map(Contact("add_external_contact", "<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>"));

        var e = mapping.CustomerEvent!;
        Assert.Equal((EventTypes.FriendAdded, "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", "zhangsan", "wecom"), (e.Type, e.CustomerId, e.StaffId, e.Channel));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1403610513), e.At);
        Assert.Equal(("teststate", "WELCOMECODE", Corp, "add_external_contact"),
            (e.DataValue("state"), e.DataValue("welcomeCode"), e.DataValue("corpId"), e.DataValue("changeType")));
        Assert.Empty(EventValidator.Validate(e, e.At));
    }

    [Fact]
    public void Both_ways_of_ending_a_relationship_become_friend_deleted_saying_who_ended_it()
    {
        var byStaff = Map(Contact("del_external_contact", "<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>")).CustomerEvent!;
        var byCustomer = Map(Contact("del_follow_user")).CustomerEvent!;

        Assert.Equal((EventTypes.FriendDeleted, "staff", "DELETE_BY_TRANSFER"), (byStaff.Type, byStaff.DataValue("deletedBy"), byStaff.DataValue("source")));
        Assert.Equal((EventTypes.FriendDeleted, "customer"), (byCustomer.Type, byCustomer.DataValue("deletedBy")));
        Assert.NotEqual(byStaff.Id, byCustomer.Id);
    }

    [Fact]
    public void A_half_added_contact_is_a_friend_marked_half_and_a_failed_transfer_a_custom_event()
    {
        var half = Map(Contact("add_half_external_contact", "<WelcomeCode><![CDATA[W]]></WelcomeCode>")).CustomerEvent!;
        var failed = Map(Contact("transfer_fail", "<FailReason><![CDATA[customer_refused]]></FailReason>")).CustomerEvent!;

        Assert.Equal((EventTypes.FriendAdded, "half", "W"), (half.Type, half.DataValue("relation"), half.DataValue("welcomeCode")));
        Assert.Equal(("x.wecom.transfer-failed", "customer_refused", "zhangsan"), (failed.Type, failed.DataValue("failReason"), failed.StaffId));
        Assert.Empty(EventValidator.Validate(failed, failed.At));
    }

    [Fact]
    public void Edits_chats_tags_and_other_events_become_nothing_with_a_reason()
    {
        var chat = """
            <xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wrx7HKCAAAbc]]></ChatId><ChangeType><![CDATA[update]]></ChangeType>
            <UpdateDetail><![CDATA[add_member]]></UpdateDetail><MemChangeList><Item><![CDATA[wmEAlECwAAHrbWYDOK5u3Af13xlYDDD]]></Item></MemChangeList></xml>
            """;
        var tag = """<xml><CreateTime>1403610513</CreateTime><Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[etm7wjCgAA]]></Id><TagType><![CDATA[tag]]></TagType><ChangeType><![CDATA[create]]></ChangeType></xml>""";
        var text = """<xml><CreateTime>1403610513</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>""";

        foreach (var mapping in new[] { Map(Contact("edit_external_contact")), Map(chat), Map(tag), Map(text) })
        {
            Assert.Null(mapping.CustomerEvent);
            Assert.Equal(WeComOutcome.Ignored, mapping.Outcome);
            Assert.False(string.IsNullOrEmpty(mapping.Detail));
        }
    }

    [Fact]
    public void A_contact_callback_without_its_external_user_or_time_is_malformed()
    {
        Assert.Equal(WeComOutcome.Malformed, Map(Contact("add_external_contact").Replace("woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", "")).Outcome);
        Assert.Equal(WeComOutcome.Malformed, Map(Contact("add_external_contact", createTime: "yesterday")).Outcome);
    }

    [Fact]
    public void The_event_id_is_the_same_for_a_retried_callback_and_differs_for_any_other_callback()
    {
        var callback = Contact("add_external_contact", "<State><![CDATA[a]]></State><WelcomeCode><![CDATA[W1]]></WelcomeCode>");
        var id = Map(callback).CustomerEvent!.Id;

        Assert.Equal(id, Map(callback).CustomerEvent!.Id);
        Assert.Equal(id, WeComEventMapper.EventId(Corp, WeComXml.ReadFields(callback)));
        Assert.Matches("^wecom:add_external_contact:1403610513:[0-9a-f]{32}$", id);
        var others = new[]
        {
            WeComEventMapper.Map("wx5823bf96d3bd56c7", WeComXml.ReadFields(callback)).CustomerEvent!.Id,
            Map(callback.Replace("zhangsan", "lisi")).CustomerEvent!.Id,
            Map(callback.Replace("woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", "wo2")).CustomerEvent!.Id,
            Map(callback.Replace("1403610513", "1403610514")).CustomerEvent!.Id,
            // The same customer added again within the same second: another welcome code, another event.
            Map(callback.Replace("W1", "W2")).CustomerEvent!.Id,
            Map(callback.Replace("[a]", "[b]")).CustomerEvent!.Id,
            Map(callback.Replace("add_external_contact", "add_half_external_contact")).CustomerEvent!.Id,
            // A value cannot pass as the next field: "a" + State "" differs from "" + State "a".
            Map(Contact("add_external_contact", "<State><![CDATA[]]></State><WelcomeCode><![CDATA[aW1]]></WelcomeCode>")).CustomerEvent!.Id,
        };
        Assert.Equal(others.Length + 1, others.Append(id).Distinct().Count());
    }

    [Fact]
    public void Deletions_of_one_contact_in_the_same_second_by_staff_and_by_the_customer_are_two_events()
    {
        var byStaff = Map(Contact("del_external_contact", "<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>")).CustomerEvent!.Id;
        var byCustomer = Map(Contact("del_follow_user")).CustomerEvent!.Id;
        var otherSource = Map(Contact("del_external_contact", "<Source><![CDATA[OTHER]]></Source>")).CustomerEvent!.Id;

        Assert.Equal(3, new[] { byStaff, byCustomer, otherSource }.Distinct().Count());
    }

    [Fact]
    public void Xml_with_a_dtd_is_refused_so_no_entity_is_ever_expanded_or_fetched()
    {
        const string xxe = """<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>""";
        const string bomb = """<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>""";

        Assert.Throws<XmlException>(() => WeComXml.ReadFields(xxe));
        Assert.Throws<XmlException>(() => WeComXml.ReadFields(bomb));
        Assert.Throws<XmlException>(() => WeComXml.ReadFields("<xml><Encrypt>" + new string('a', WeComXml.MaxCharacters) + "</Encrypt></xml>"));
    }

    [Fact]
    public void Xml_fields_are_read_from_cdata_and_text_and_nested_lists_are_skipped()
    {
        var fields = WeComXml.ReadFields("<xml><A><![CDATA[one]]></A><Empty/><List><Item>x</Item></List><B>two</B><A>again</A></xml>");

        Assert.Equal(new Dictionary<string, string> { ["A"] = "one", ["Empty"] = "", ["B"] = "two" }, fields);
    }
}
