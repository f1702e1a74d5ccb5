using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>
/// Input that must be refused, one case per kind and per stored string field: each gets a 4xx ProblemDetails that
/// names what is wrong, and nothing changes in the database (every platform table and Orleans' grain storage).
/// </summary>
public sealed class BadInputTests(BadInputTests.Platform platform) : IClassFixture<BadInputTests.Platform>
{
    public sealed class Platform() : ConfiguredNodePlatform("bad-input-suite")
    {
        protected override async Task SeedAsync(PlatformClient client)
        {
            await client.ProvisionAsync("acme", "alice");
            await client.PostEventsAsync(Events.FriendAdded("seed-1", "li", "alice", nickname: "Li"));
            AliceToken = await client.ConsoleTokenAsync("alice");
        }

        /// <summary>Alice's console token, taken before a test of failed sign-ins blocks her for a minute.</summary>
        public string AliceToken { get; private set; } = "";
    }

    private PlatformClient Api => platform.Client;

    /// <summary>Every row the platform stores, as one fingerprint: if a refused request wrote anything, it changes.</summary>
    private Task<string> DatabaseFingerprintAsync() => platform.Database.ScalarAsync<string>("""
        SELECT md5(concat_ws('|',
            (SELECT string_agg(event_id || seq, ',' ORDER BY event_id) FROM pdg_event_journal),
            (SELECT string_agg(nudge_id || staff_id || coalesce(acked_at::text, ''), ',' ORDER BY nudge_id) FROM pdg_nudges),
            (SELECT string_agg(customer_id || revision, ',' ORDER BY customer_id) FROM pdg_customer_snapshots),
            (SELECT string_agg(customer_id || staff_id, ',' ORDER BY customer_id) FROM pdg_customer_owners),
            (SELECT string_agg(customer_id || due_at::text, ',' ORDER BY customer_id) FROM pdg_due),
            (SELECT string_agg(md5(payloadbinary) || version, ',' ORDER BY grainidhash, grainidn0, grainidn1) FROM orleansstorage)))
        """);

    private async Task AssertRefusedAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode status, string mentions)
    {
        var before = await DatabaseFingerprintAsync();
        var response = await call();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mentions, body);
        Assert.Equal(before, await DatabaseFingerprintAsync());
    }

    private Task<HttpResponseMessage> PostEventJsonAsync(string eventJson) => Api.PostEventsRawAsync("{\"events\":[" + eventJson + "]}");

    public static TheoryData<string, string> EventStrings => new()
    {
        // field as named in the answer, the event with a bad value in that field (JSON escapes are the text sent)
        { "events[0].channel", """{"id":"b-1","customerId":"li","type":"page.viewed","channel":"x\u0000"}""" },
        { "events[0].channel", """{"id":"b-2","customerId":"li","type":"page.viewed","channel":"a\ud800b"}""" },
        { "events[0].channel", """{"id":"b-19","customerId":"li","type":"page.viewed","channel":"we\u0007com"}""" },
        { "events[0].channel", """{"id":"b-20","customerId":"li","type":"page.viewed","channel":"wecom\u200b"}""" },
        { "events[0].data.identity.phone", """{"id":"b-21","customerId":"li","type":"page.viewed","data":{"identity.phone":"+8613800138000"}}""" },
        { "events[0].text", """{"id":"b-3","customerId":"li","type":"message.received","text":"hi\u0000"}""" },
        { "events[0].text", """{"id":"b-4","customerId":"li","type":"message.received","text":"\udc00"}""" },
        { "events[0].data.note", """{"id":"b-5","customerId":"li","type":"page.viewed","data":{"note":"\u0000"}}""" },
        { "events[0].data.note", """{"id":"b-6","customerId":"li","type":"page.viewed","data":{"note":"\ud83d"}}""" },
        { "events[0].data", """{"id":"b-7","customerId":"li","type":"page.viewed","data":{"k\u0000":"v"}}""" },
        { "events[0].at", """{"id":"b-8","customerId":"li","type":"message.received","at":"9999-12-31T23:59:00Z"}""" },
        { "events[0].at", """{"id":"b-9","customerId":"li","type":"message.received","at":"2099-01-01T00:00:00Z"}""" },
        { "events[0].at", """{"id":"b-10","customerId":"li","type":"message.received","at":"1969-07-20T20:17:00Z"}""" },
        { "events[0].at", """{"id":"b-16","customerId":"li","type":"message.received","at":"2026-11-20T09:30:00"}""" },
        { "events[0].at", """{"id":"b-17","customerId":"li","type":"message.received","at":"11/20/2026 09:30"}""" },
        { "events[0].at", """{"id":"b-18","customerId":"li","type":"message.received","at":"2026-11-20"}""" },
        { "events[0].data.amount", """{"id":"b-11","customerId":"li","type":"order.paid","data":{"orderId":"o1","amount":"79228162514264337593543950335"}}""" },
        { "events[0].data.amount", """{"id":"b-12","customerId":"li","type":"order.paid","data":{"orderId":"o1","amount":79228162514264337593543950335}}""" },
        { "events[0].data.amount", """{"id":"b-13","customerId":"li","type":"order.paid","data":{"orderId":"o1","amount":"1.00001"}}""" },
        { "events[0].customerId", """{"id":"b-14","customerId":"li li","type":"page.viewed"}""" },
        { "events[0].staffId", """{"id":"b-15","customerId":"li","type":"friend.added","staffId":"mallory"}""" },
    };

    [Theory]
    [MemberData(nameof(EventStrings))]
    public Task An_event_that_cannot_be_stored_is_refused_naming_its_field(string field, string eventJson) =>
        AssertRefusedAsync(() => PostEventJsonAsync(eventJson), HttpStatusCode.BadRequest, field);

    [Theory]
    [InlineData("GET", "customers/li/interactions?limit=abc", "limit")]
    [InlineData("GET", "customers/li/interactions?before=%00", "before")]
    [InlineData("GET", "customers/li/interactions?before=12.5", "before")]
    [InlineData("GET", "audit?limit=1e3", "limit")]
    [InlineData("GET", "audit?before=-", "before")]
    [InlineData("POST", "keys/k1/rotate?overlapMinutes=abc", "overlapMinutes")]
    [InlineData("GET", "playbook/versions/abc", "version")]
    [InlineData("POST", "playbook/versions/99999999999/rollback", "version")]
    public async Task A_query_parameter_that_is_not_of_its_type_is_refused_naming_the_parameter(string method, string path, string parameter)
    {
        var key = path.StartsWith("customers", StringComparison.Ordinal) ? Api.ApiKey : Api.AdminKey;
        await AssertRefusedAsync(() => Api.SendRawAsync(new HttpMethod(method), $"/api/v1/tenants/acme/{path}", null, key),
            HttpStatusCode.BadRequest, $"\"{parameter}\"");
    }

    [Fact]
    public async Task A_nul_in_a_path_is_refused_by_the_web_server_itself_before_any_route_runs()
    {
        // Kestrel refuses a path that decodes to a NUL while reading the request line, before the application (and its
        // ProblemDetails) see it: a 400 without a body is all it can be.
        var before = await DatabaseFingerprintAsync();
        var response = await Api.SendRawAsync(HttpMethod.Get, "/api/v1/tenants/acme/identities/phone/%00", null, Api.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await DatabaseFingerprintAsync());
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("text")]
    public async Task Invalid_utf8_bytes_in_an_event_string_are_refused_naming_the_field(string field)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"events":[{"id":"utf8-{{field}}","customerId":"li","type":"message.received","{{field}}":"X"}]}""");
        var at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xC3; // a lead byte with no continuation: not UTF-8
        await AssertRefusedAsync(() => Api.SendBytesAsync(HttpMethod.Post, "/api/v1/tenants/acme/events", body, Api.ApiKey),
            HttpStatusCode.BadRequest, $"events[0].{field}");
    }

    [Fact]
    public async Task A_bad_event_among_good_ones_is_refused_alone()
    {
        var response = await Api.PostEventsRawAsync("""
            {"events":[{"id":"mix-ok","customerId":"wu","type":"page.viewed"},{"id":"mix-bad","customerId":"wu","type":"page.viewed","channel":"\u0000"}]}
            """);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), ((int)body["accepted"]!, (int)body["rejected"]!));
        Assert.Contains("'channel' contains U+0000", body["errors"]![0]!["errors"]![0]!.ToString());
        Assert.Equal(400, (int)body["errors"]![0]!["status"]!);
        Assert.Equal(1L, await platform.Database.ScalarAsync<long>("SELECT count(*) FROM pdg_event_journal WHERE customer_id = 'wu'"));
    }

    public static TheoryData<string, string> Playbooks => new()
    {
        { "$.rules[0].trigger.days", """{"rules":[{"id":"r","trigger":{"kind":"inactive","days":2147483647},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t","script":"s"}]}]}""" },
        { "$.rules[0].trigger.delay", """{"rules":[{"id":"r","trigger":{"kind":"after","event":"friend.added","delay":"9999999d"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t","script":"s"}]}]}""" },
        { "$.rules[0].trigger.delay", """{"rules":[{"id":"r","trigger":{"kind":"after","event":"friend.added","delay":"9999999w"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t","script":"s"}]}]}""" },
        { "$.timeZone", """{"timeZone":"America"}""" },
        { "$.rules[0].actions[0].title", """{"rules":[{"id":"r","trigger":{"kind":"event","event":"friend.added"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t\u0000","script":"s"}]}]}""" },
        { "$.keywords[0].keyword", """{"keywords":[{"keyword":"\ud800","tag":"t"}]}""" },
        { "$.rules[0].actions[0].title", """{"rules":[{"id":"r","trigger":{"kind":"event","event":"friend.added"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"Hi\u0007","script":"s"}]}]}""" },
        { "$.rules[0].actions[0].title", """{"rules":[{"id":"r","trigger":{"kind":"event","event":"friend.added"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"two\nlines","script":"s"}]}]}""" },
        { "$.rules[0].actions[0].script", """{"rules":[{"id":"r","trigger":{"kind":"event","event":"friend.added"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t","script":"\u202egnp.exe"}]}]}""" },
        { "$.rules[0].actions[0].variants[0].script", """{"rules":[{"id":"r","trigger":{"kind":"event","event":"friend.added"},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t","script":"s","variants":[{"id":"a","weight":1,"script":"x\u200by"}]}]}]}""" },
        { "$.rules[0].actions[0].tag", """{"rules":[{"id":"r","trigger":{"kind":"event","event":"friend.added"},"actions":[{"kind":"addTag","tag":"VIP\u200b"}]}]}""" },
        { "$.keywords[0].tag", """{"keywords":[{"keyword":"price","tag":"v\u0007ip"}]}""" },
        { "$.contactPolicy.caps[0].max", """{"contactPolicy":{"caps":[{"max":2147483647,"window":"1d"}]}}""" },
    };

    [Theory]
    [MemberData(nameof(Playbooks))]
    public Task A_playbook_past_a_bound_is_refused_at_the_path_of_the_field(string path, string playbook) =>
        AssertRefusedAsync(() => Api.PutPlaybookRawAsync(playbook), HttpStatusCode.BadRequest, path);

    [Fact]
    public async Task Staff_and_tenant_names_are_bounded_and_storable()
    {
        var huge = new string('n', 1_000_000);
        await AssertRefusedAsync(() => Api.SendAsync(HttpMethod.Post, "/api/v1/tenants/acme/staff",
            new { staffId = "big", name = huge, password = "long-enough-1" }, Api.AdminKey), HttpStatusCode.BadRequest, "'name'");
        await AssertRefusedAsync(() => Api.SendAsync(HttpMethod.Post, "/api/v1/tenants/acme/staff",
            new { staffId = "nul", name = "a\u0000b", password = "long-enough-1" }, Api.AdminKey), HttpStatusCode.BadRequest, "'name'");
        await AssertRefusedAsync(() => Api.SendAsync(HttpMethod.Post, "/api/v1/tenants/acme/staff",
            new { staffId = "pw", name = "Pw", password = new string('p', 300) }, Api.AdminKey), HttpStatusCode.BadRequest, "'password'");
        await AssertRefusedAsync(() => Api.SendAsync(HttpMethod.Post, "/api/v1/tenants",
            new { tenant = "huge", name = huge }, NodeSettings.OperatorKey), HttpStatusCode.BadRequest, "'name'");
        await AssertRefusedAsync(() => Api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants",
            """{"tenant":"lone","name":"x\udfffy"}""", NodeSettings.OperatorKey), HttpStatusCode.BadRequest, "name");
    }

    [Theory]
    [InlineData("""{"tags":["a\u0000"]}""")]
    [InlineData("""{"tags":["\ud800"]}""")]
    [InlineData("""{"tags":[""]}""")]
    [InlineData("""{"tags":["V\u0007IP"]}""")]
    [InlineData("""{"tags":["VIP\u200b"]}""")]
    [InlineData("""{"tags":["\u202epiv"]}""")]
    [InlineData("""{"tags":["\u3000"]}""")]
    public Task A_tag_that_cannot_be_stored_is_refused(string body) =>
        AssertRefusedAsync(() => Api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/acme/customers/li/tags", body, Api.ApiKey),
            HttpStatusCode.BadRequest, "tag");

    public static TheoryData<string, string> DryRunEvents => new()
    {
        // field as named in the answer, the dry run's event: refused as POST /events refuses it
        { "$.event.staffId", """{"type":"friend.added","staffId":"mallory"}""" },
        { "$.event.data.identity.phone", """{"type":"page.viewed","data":{"identity.phone":"+8613800138000"}}""" },
        { "$.event.channel", """{"type":"page.viewed","channel":"we\u0007com"}""" },
    };

    [Theory]
    [MemberData(nameof(DryRunEvents))]
    public Task A_dry_run_refuses_an_event_the_events_api_refuses_naming_its_field(string field, string eventJson) =>
        AssertRefusedAsync(() => Api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/acme/playbook/dry-run",
            """{"customerId":"li","event":""" + eventJson + "}", Api.AdminKey), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task An_unknown_tenant_answers_exactly_like_a_wrong_key()
    {
        var unknown = await Api.SendRawAsync(HttpMethod.Get, "/api/v1/tenants/no-such-tenant/playbook", null, Api.ApiKey);
        var wrongKey = await Api.SendRawAsync(HttpMethod.Get, "/api/v1/tenants/acme/playbook", null, "pdg_api_wrong");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (unknown.StatusCode, wrongKey.StatusCode));
    }

    [Fact]
    public async Task Failed_sign_ins_are_throttled_per_staff_member_even_for_the_right_password()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("alice", "wrong-password")).StatusCode);

        var blocked = await SignInAsync("alice", PlatformClient.StaffPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many failed sign-ins", await blocked.Content.ReadAsStringAsync());
        // Another staff member of the same tenant is not affected.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("nobody", "wrong-password")).StatusCode);
    }

    private Task<HttpResponseMessage> SignInAsync(string staffId, string password) =>
        Api.SendAsync(HttpMethod.Post, "/api/v1/auth/console-token", new { tenant = "acme", staffId, password }, key: null);
    [Theory]
    [InlineData("POST", "staff", """{"staffId":"twice-1","password":"long enough","role":"staff","role":"admin"}""", "role")]
    [InlineData("POST", "keys", """{"name":"k-twice","scopes":["events:write"],"Name":"k-other"}""", "Name")]
    [InlineData("POST", "customers/li/identities", """{"identities":{"phone":"13800138000"},"identities":{"phone":"13900139000"}}""", "identities")]
    public Task A_body_naming_a_field_twice_is_refused_naming_that_field_rather_than_keeping_the_last(string method, string path, string body, string field) =>
        AssertRefusedAsync(() => Api.SendRawAsync(new HttpMethod(method), $"/api/v1/tenants/acme/{path}", body, Api.AdminKey),
            HttpStatusCode.BadRequest, $"'{field}' is given twice");

    [Theory]
    [InlineData("segments", """{"name":"twice","filter":{"tier":"VIP","tier":"New"}}""", "'tier'")]
    [InlineData("events", """{"events":[{"id":"tw-1","customerId":"li","type":"page.viewed","type":"order.paid"}]}""", "'type'")]
    public Task A_body_read_as_a_document_naming_a_field_twice_is_refused_as_malformed_naming_the_field(string path, string body, string field) =>
        AssertRefusedAsync(() => Api.SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/acme/{path}", body, path == "events" ? Api.ApiKey : Api.AdminKey),
            HttpStatusCode.BadRequest, $"Duplicate property {field}");

    [Fact]
    public async Task A_retention_given_twice_is_refused_and_the_tenants_retention_is_unchanged()
    {
        var before = (await Api.Api.JournalRetention.GetAsync()).Days;

        var response = await Api.SendRawAsync(HttpMethod.Put, "/api/v1/tenants/acme/journal-retention", """{"days":5,"days":null}""", Api.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'days' is given twice", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, (await Api.Api.JournalRetention.GetAsync()).Days);
    }

    [Theory]
    [InlineData("a\\u0007b")]
    [InlineData("call\\u200bback")]
    [InlineData("\\u202eevil")]
    [InlineData("line one\\nline two")]
    public Task A_remark_with_a_control_or_invisible_character_is_refused_naming_it(string remark) =>
        AssertRefusedAsync(() => Api.SendRawAsync(HttpMethod.Put, "/api/v1/console/customers/li/remark", "{\"remark\":\"" + remark + "\"}", platform.AliceToken),
            HttpStatusCode.BadRequest, "remark");

    [Fact]
    public Task A_staff_members_name_with_a_control_character_is_refused_naming_it() =>
        AssertRefusedAsync(() => Api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/acme/staff",
            """{"staffId":"bel-1","name":"Ann\u0007","password":"long enough"}""", Api.AdminKey), HttpStatusCode.BadRequest, "name");
}
