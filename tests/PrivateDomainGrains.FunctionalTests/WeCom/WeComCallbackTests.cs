using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.Host.Integrations.WeCom;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>WeCom callbacks end to end: a real host, real PostgreSQL, real SignalR consoles, callbacks signed as WeCom signs them.</summary>
public sealed class WeComCallbackTests(WeComPlatform platform) : IClassFixture<WeComPlatform>
{
    private WeComServer WeCom => platform.WeCom;
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Url_verification_answers_the_decrypted_echo_in_plain_text()
    {
        var response = await WeCom.VerifyUrlAsync("1616140317555161061");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1616140317555161061", await response.Content.ReadAsStringAsync());
        await AssertProblemAsync(await WeCom.VerifyUrlAsync("1616140317555161061", signature: new string('0', 40)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_contact_creates_the_customer_owned_by_the_staff_member_with_a_welcome_on_their_console()
    {
        await using var alice = await platform.ConsoleAsync("alice");
        var createTime = Now;

        var callback = WeCom.FriendAdded("alice", "wmNewContact01", createTime);
        var response = await WeCom.PostAsync(WeCom.Sign(callback));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var eventId = WeComEventMapper.EventId(WeComPlatform.CorpId, WeComXml.ReadFields(callback));
        var welcome = await alice.WaitForAsync(n => n.EventId == eventId);
        Assert.Equal(("welcome", "wmNewContact01", "alice"), (welcome.Kind, welcome.CustomerId, welcome.StaffId));
        var customer = (await platform.Client.Api.Customers.GetAsync("wmNewContact01"))!;
        Assert.Equal(("alice", "Active"), (customer.Owner, customer.Status));
        var interaction = (await platform.Client.Api.Customers.ListInteractionsAsync("wmNewContact01")).Items[0];
        Assert.Equal(("friend.added", "wecom", eventId), (interaction.Type, interaction.Channel, interaction.EventId));
        Assert.Equal(("spring-campaign", "CALLBACK_CODE", WeComPlatform.CorpId),
            (interaction.Data!["state"], interaction.Data!["welcomeCode"], interaction.Data!["corpId"]));
    }

    [Fact]
    public async Task A_contact_already_known_by_its_external_userid_reaches_that_customer_and_a_new_contacts_external_userid_finds_it_later()
    {
        // A CRM made the customer first, under its own id, and gave it the WeCom identity.
        await platform.Client.PostEventsAsync(new PostedEvent("crm-known-1", "crm-known", "friend.added", DateTimeOffset.UtcNow.AddMinutes(-5), "crm", "alice",
            Identities: new Dictionary<string, string> { ["external_userid"] = "wmKnownToCrm01" }));

        var added = WeCom.FriendAdded("bob", "wmKnownToCrm01", Now);
        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(WeCom.Sign(added))).StatusCode);

        var eventId = WeComEventMapper.EventId(WeComPlatform.CorpId, WeComXml.ReadFields(added));
        var interactions = (await platform.Client.Api.Customers.ListInteractionsAsync("crm-known")).Items;
        Assert.Equal(("friend.added", "wecom", "bob"), interactions.Single(i => i.EventId == eventId) is var i ? (i.Type, i.Channel, i.StaffId) : default);
        Assert.Null(await platform.Client.Api.Customers.GetAsync("wmKnownToCrm01"));

        // A contact WeCom names first becomes the customer of that id, with the identity an order can name it by.
        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(WeCom.Sign(WeCom.FriendAdded("alice", "wmFirstByWeCom01", Now)))).StatusCode);
        var order = await platform.Client.PostEventsAsync(new PostedEvent("shop-order-wm-1", null, "order.paid", DateTimeOffset.UtcNow, "shop",
            Identities: new Dictionary<string, string> { ["external_userid"] = "wmFirstByWeCom01" },
            Data: new Dictionary<string, string> { ["orderId"] = "O-wm-1", ["amount"] = "99", ["currency"] = "CNY" }));
        Assert.Equal(("wmFirstByWeCom01", "external_userid", false), order.Resolved.Single() is var r ? (r.CustomerId, r.By, r.Created) : default);
    }

    [Fact]
    public async Task A_callback_wecom_retries_is_a_duplicate_not_a_second_event()
    {
        var message = WeCom.FriendAdded("bob", "wmRetried01", Now);

        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(WeCom.Sign(message))).StatusCode);
        // WeCom's retry carries the same message, freshly encrypted and signed.
        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(WeCom.Sign(message))).StatusCode);

        Assert.Equal(1, await platform.JournaledAsync("wmRetried01"));
        var outcomes = await platform.Database.ScalarAsync<string>(
            "SELECT string_agg(outcome, ',' ORDER BY received_at) FROM pdg_wecom_callbacks WHERE external_user_id = 'wmRetried01'");
        Assert.Equal("accepted,duplicate", outcomes);
    }

    [Fact]
    public async Task Wrong_signature_wrong_corp_stale_timestamp_and_replay_are_refused_and_store_nothing()
    {
        var wrongSignature = WeCom.Sign(WeCom.FriendAdded("alice", "wmRefused01", Now)) with { MsgSignature = new string('a', 40) };
        var otherCorp = new WeComCallbackCrypto(WeComPlatform.Token, WeComPlatform.EncodingAesKey, "wx5823bf96d3bd56c7");
        var wrongCorp = WeCom.Sign(WeCom.FriendAdded("alice", "wmRefused02", Now), crypto: otherCorp);
        var stale = WeCom.Sign(WeCom.FriendAdded("alice", "wmRefused03", Now - 600), at: DateTimeOffset.UtcNow.AddMinutes(-10));
        var future = WeCom.Sign(WeCom.FriendAdded("alice", "wmRefused04", Now), at: DateTimeOffset.UtcNow.AddMinutes(10));
        var once = WeCom.Sign(WeCom.FriendAdded("alice", "wmReplayed01", Now));

        await AssertProblemAsync(await WeCom.PostAsync(wrongSignature), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await WeCom.PostAsync(wrongCorp), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await WeCom.PostAsync(stale), HttpStatusCode.BadRequest, "timestamp");
        await AssertProblemAsync(await WeCom.PostAsync(future), HttpStatusCode.BadRequest, "timestamp");
        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(once)).StatusCode);
        await AssertProblemAsync(await WeCom.PostAsync(once), HttpStatusCode.Conflict);

        foreach (var refused in new[] { "wmRefused01", "wmRefused02", "wmRefused03", "wmRefused04" })
            Assert.Equal(0, await platform.JournaledAsync(refused));
        Assert.Equal(1, await platform.JournaledAsync("wmReplayed01"));
        Assert.Equal(0L, await platform.Database.ScalarAsync<long>("SELECT count(*) FROM pdg_wecom_callbacks WHERE external_user_id LIKE 'wmRefused%'"));
    }

    [Fact]
    public async Task A_malformed_request_is_refused_naming_what_is_wrong()
    {
        var http = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        var valid = WeCom.Sign(WeCom.FriendAdded("alice", "wmMalformed01", Now));

        await AssertProblemAsync(await http.PostAsync($"{WeCom.CallbackPath}?timestamp={valid.Timestamp}&nonce={valid.Nonce}", new StringContent(valid.Body)),
            HttpStatusCode.BadRequest, "msg_signature");
        var query = $"{WeCom.CallbackPath}?msg_signature={valid.MsgSignature}&timestamp={valid.Timestamp}&nonce={valid.Nonce}";
        await AssertProblemAsync(await http.PostAsync(query, new StringContent("<xml><AgentID>1</AgentID></xml>")), HttpStatusCode.BadRequest, "Encrypt");
        await AssertProblemAsync(await http.PostAsync(query, new StringContent("""<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>""")),
            HttpStatusCode.BadRequest, "body");
        await AssertProblemAsync(await http.GetAsync($"/api/v1/wecom/nobody/callback?msg_signature=a&timestamp=1&nonce=1&echostr=x"), HttpStatusCode.NotFound);
        Assert.Equal(0, await platform.JournaledAsync("wmMalformed01"));
    }

    [Fact]
    public async Task A_user_who_is_not_staff_is_answered_success_recorded_for_the_operator_and_stores_no_event()
    {
        var response = await WeCom.PostAsync(WeCom.Sign(WeCom.FriendAdded("zhangsan", "wmUnknownStaff01", Now)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await platform.JournaledAsync("wmUnknownStaff01"));
        var settings = await platform.Client.Api.WeCom.GetSettingsAsync();
        var problem = settings.Callbacks.RecentProblems.Single(p => p.ExternalUserId == "wmUnknownStaff01");
        Assert.Equal(("unknown-staff", "zhangsan", "add_external_contact"), (problem.Outcome, problem.UserId, problem.ChangeType));
        Assert.Contains("zhangsan", problem.Detail);
        Assert.True(settings.Callbacks.Last24Hours["unknown-staff"] >= 1);
    }

    [Fact]
    public async Task A_customer_deleting_the_staff_member_ends_the_relationship_saying_who_did_it()
    {
        await using var bob = await platform.ConsoleAsync("bob");
        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(WeCom.Sign(WeCom.FriendAdded("bob", "wmLeaving01", Now - 60)))).StatusCode);

        var deleted = WeCom.ContactChange("del_follow_user", "bob", "wmLeaving01", Now);
        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(WeCom.Sign(deleted))).StatusCode);

        await bob.WaitForAsync(n => n.CustomerId == "wmLeaving01" && n.Kind == "customer-lost");
        Assert.Equal("Lost", (await platform.Client.Api.Customers.GetAsync("wmLeaving01"))!.Status);
        var ended = (await platform.Client.Api.Customers.ListInteractionsAsync("wmLeaving01")).Items[0];
        Assert.Equal(("friend.deleted", "customer", "bob"), (ended.Type, ended.Data!["deletedBy"], ended.StaffId));
    }

    [Fact]
    public async Task Chat_and_tag_callbacks_are_answered_and_store_no_event()
    {
        var chat = $"<xml><ToUserName><![CDATA[{WeComPlatform.CorpId}]]></ToUserName><CreateTime>{Now}</CreateTime><MsgType><![CDATA[event]]></MsgType>" +
                   "<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId><ChangeType><![CDATA[create]]></ChangeType></xml>";

        Assert.Equal(HttpStatusCode.OK, (await WeCom.PostAsync(WeCom.Sign(chat))).StatusCode);
        Assert.Equal(1L, await platform.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pdg_wecom_callbacks WHERE event = 'change_external_chat' AND outcome = 'ignored' AND event_id IS NULL"));
    }

    [Fact]
    public async Task Another_node_of_the_cluster_reads_the_secrets_one_node_stored()
    {
        var second = await platform.StartNodeAsync();
        using var weComToSecond = new WeComServer(second.BaseAddress, "acme", WeComPlatform.Token, WeComPlatform.EncodingAesKey, WeComPlatform.CorpId);

        var response = await weComToSecond.PostAsync(weComToSecond.Sign(weComToSecond.FriendAdded("alice", "wmSecondNode01", Now)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await platform.JournaledAsync("wmSecondNode01"));
        Assert.True(await platform.Database.ScalarAsync<long>("SELECT count(*) FROM pdg_data_protection_keys") >= 1);
    }
}
