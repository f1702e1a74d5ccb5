using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Two events of one new person arriving at once in two requests, each naming the person by a different strongest
/// identity (a WeCom callback with the UnionID and phone, a shop's with the phone alone, or the external user id and
/// phone): each request's resolution finds nobody, so without more each would create its own customer
/// (one id minted from the UnionID, one from the phone) and the phone would stay with whichever commit came first. The identity
/// index's unique key decides instead: the first claim of the shared phone wins and the other event joins its customer.
/// </summary>
public sealed class IdentityRaceTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    private static PostedEvent Friend(string id, params (string Kind, string Value)[] identities) =>
        new(id, null, "friend.added", DateTimeOffset.UtcNow.AddMinutes(-5), "wecom", "alice", Identities: identities.ToDictionary(i => i.Kind, i => i.Value));

    [Fact]
    public async Task A_customer_created_for_a_phone_has_an_opaque_id_holding_no_digits_of_it_and_a_request_racing_it_reaches_the_same_id()
    {
        // Every two digits of this number in a row hold a 0, 1, 8 or 9, which base32 has not: none of its runs can be in the id.
        const string Phone = "13901890019";
        var answers = await Task.WhenAll(
            Api.PostEventsAsync(Friend("opaque-a", ("phone", Phone))),
            Api.PostEventsAsync(Friend("opaque-b", ("phone", "+86 139-0189-0019"))));

        var resolved = answers.SelectMany(a => a.Resolved).ToList();
        var customer = Assert.Single(resolved.Select(r => r.CustomerId).Distinct());
        Assert.Equal(1, resolved.Count(r => r.Created));
        Assert.Matches("^c_[a-z2-7]{26}$", customer);
        var digits = "86" + Phone;
        for (var i = 0; i + 3 <= digits.Length; i++) Assert.DoesNotContain(digits.Substring(i, 3), customer);
        Assert.Equal(customer, (await Api.Api.Identities.LookupAsync("phone", Phone))!.CustomerId);
        Assert.Equal(2, (await Api.Api.Customers.GetAsync(customer))!.Counters.Events);
    }

    [Fact]
    public async Task Two_requests_naming_one_new_person_by_different_strongest_identities_at_once_create_one_customer_holding_all_of_them()
    {
        const int People = 40;
        var requests = new List<Task<EventBatchResponse>>();
        for (var n = 0; n < People; n++)
        {
            var phone = $"1390017{n:D4}";
            // Half the pairs: UnionID and phone against the phone alone; the other half against the external user id and phone.
            var other = n % 2 == 0 ? Friend($"race-b-{n}", ("phone", phone)) : Friend($"race-b-{n}", ("external_userid", $"wm-race-{n}"), ("phone", phone));
            requests.Add(Api.PostEventsAsync(Friend($"race-a-{n}", ("unionid", $"o-race-{n}"), ("phone", phone))));
            requests.Add(Api.PostEventsAsync(other));
        }
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, a => Assert.Equal(1, a.Accepted));
        var split = Enumerable.Range(0, People).Where(n => answers[2 * n].Resolved.Concat(answers[2 * n + 1].Resolved).Select(r => r.CustomerId).Distinct().Count() > 1).ToList();
        Assert.True(split.Count == 0, $"{split.Count} of {People} people became two customers (the first: {string.Join(", ", split.Take(3))})");
        for (var n = 0; n < People; n++)
        {
            var resolved = answers[2 * n].Resolved.Concat(answers[2 * n + 1].Resolved).ToList();
            var customer = Assert.Single(resolved.Select(r => r.CustomerId).Distinct());
            Assert.Equal(1, resolved.Count(r => r.Created));
            Assert.Equal(customer, (await Api.Api.Identities.LookupAsync("phone", $"1390017{n:D4}"))!.CustomerId);
            Assert.Equal(customer, (await Api.Api.Identities.LookupAsync("unionid", $"o-race-{n}"))!.CustomerId);
            if (n % 2 == 1) Assert.Equal(customer, (await Api.Api.Identities.LookupAsync("external_userid", $"wm-race-{n}"))!.CustomerId);
            Assert.Equal(2, (await Api.Api.Customers.GetAsync(customer))!.Counters.Events);
        }
    }
}
