using System.Globalization;
using System.Net;
using System.Text;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// The bulk import of existing customers' identities as a background job (issue 14), through a real node and
/// PostgreSQL: a CSV or JSON-lines upload streamed in, a result per row (line, field, reason), conflicts never moved,
/// and pending events attached as a single add attaches them.
/// </summary>
public sealed class IdentityImportTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;
    private IdentitiesClient Identities => platform.Client.Api.Identities;

    private static MemoryStream Upload(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_csv_upload_adds_each_good_row_reports_each_bad_one_by_line_and_field_and_never_moves_another_customers_identity_nor_names_an_unknown_customer()
    {
        await Api.PostEventsAsync(Events.FriendAdded("ii-held-add", "ii-holder", "alice"), Events.FriendAdded("ii-zhao-add", "ii-zhao", "alice"),
            Events.FriendAdded("ii-qian-add", "ii-qian", "bob"));
        await Identities.AddAsync("ii-holder", new Dictionary<string, string> { ["unionid"] = "o6_ii_held" });
        const string Csv = """
            customerId,kind,value
            ii-zhao,phone,+86 133 0013 3101
            ii-zhao,email,Zhao@Example.com

            ii-qian,phone,12345
            bad id!,unionid,o6_ii_1
            ii-qian,wechat,x
            ii-qian,unionid,o6_ii_held
            ii-holder,unionid,o6_ii_held
            "ii-qian","phone","0086-13300133102"
            ii-qian,phone
            ii-nobody,phone,+86 133 0013 3103
            """;

        var accepted = await Identities.StartImportAsync(Upload(Csv), IdentityImportFormats.Csv);
        var job = await CompletedAsync(Identities, accepted.JobId);

        Assert.Equal(("csv", 10L, 3L, 1L, 5L, 1L), (job.Format, job.Read, job.Added, job.Unchanged, job.Refused, job.Conflicts));
        var refused = (await Identities.ListImportRowsAsync(accepted.JobId, state: "refused")).Items;
        Assert.Equal([(5L, "value"), (6L, "customerId"), (7L, "kind"), (11L, "line"), (12L, "customerId")], refused.Select(r => (r.Line, r.Field!)));
        Assert.Contains("does not exist", refused[^1].Reason);
        Assert.Null(await Identities.LookupAsync("phone", "13300133103"));
        Assert.All(refused, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        var conflict = Assert.Single((await Identities.ListImportRowsAsync(accepted.JobId, state: "conflict")).Items);
        Assert.Equal((8L, "ii-qian", "value"), (conflict.Line, conflict.CustomerId, conflict.Field));
        Assert.Contains("ii-holder", conflict.Reason);
        Assert.Equal("ii-holder", (await Identities.LookupAsync("unionid", "o6_ii_held"))!.CustomerId);
        Assert.Equal([("phone", "+8613300133101", "import"), ("email", "zhao@example.com", "import")],
            (await Identities.ListAsync("ii-zhao")).Identities.Select(i => (i.Kind, i.Value, i.Source)));
        Assert.Equal("ii-qian", (await Identities.LookupAsync("phone", "13300133102"))!.CustomerId);
        var all = await Identities.ListImportRowsAsync(accepted.JobId, limit: 4);
        Assert.Equal([2L, 3L, 5L, 6L], all.Items.Select(r => r.Line));
        Assert.Equal(6L, all.NextAfter);
    }

    [Fact]
    public async Task A_json_lines_upload_attaches_the_pending_orders_its_identities_name_as_a_single_add_would()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        await Api.PostEventsAsync(Events.FriendAdded("ii-sun-add", "ii-sun", "alice"));
        var order = new PostedEvent("ii-order", null, "order.paid", at, Channel: "shop", Identities: new Dictionary<string, string> { ["phone"] = "13300133201" },
            Data: new Dictionary<string, string> { ["orderId"] = "II-1", ["amount"] = "88", ["currency"] = "CNY" });
        Assert.Single((await Api.PostEventsAsync(order)).Pooled);
        const string Lines = """
            {"customerId":"ii-sun","kind":"phone","value":"+86 133 0013 3201"}
            [1,2]
            {"customerId":"ii-sun","kind":"phone"}
            not json
            """;

        var job = await CompletedAsync(Identities, (await Identities.StartImportAsync(Upload(Lines), IdentityImportFormats.JsonLines)).JobId);

        Assert.Equal(("jsonl", 4L, 1L, 3L, 1L), (job.Format, job.Read, job.Added, job.Refused, job.AttachedFromPool));
        Assert.Equal([(2L, "line"), (3L, "value"), (4L, "line")],
            (await Identities.ListImportRowsAsync(job.JobId, state: "refused")).Items.Select(r => (r.Line, r.Field!)));
        Assert.Equal(("attached", "ii-sun"), ((await Identities.GetPendingAsync("ii-order"))!.State, (await Identities.GetPendingAsync("ii-order"))!.CustomerId));
        Assert.Equal((1, 88m), ((await Api.Api.Customers.GetAsync("ii-sun"))!.Counters.Orders, (await Api.Api.Customers.GetAsync("ii-sun"))!.Counters.Spend));
    }

    [Fact]
    public async Task A_report_names_each_row_by_line_field_and_reason_with_its_value_masked_so_no_personal_value_outlives_the_import()
    {
        await Api.PostEventsAsync(Events.FriendAdded("ii-mask-a-add", "ii-mask-a", "alice"), Events.FriendAdded("ii-mask-b-add", "ii-mask-b", "alice"),
            Events.FriendAdded("ii-mask-holder-add", "ii-mask-holder", "alice"), Events.FriendAdded("ii-mask-gone-add", "ii-mask-gone", "alice"));
        await Identities.AddAsync("ii-mask-holder", new Dictionary<string, string> { ["unionid"] = "o6_mask_held" });
        await Api.Api.PersonalData.EraseAsync("ii-mask-gone");
        // An added row, a bad value, columns shifted (a phone as the kind), a phone as the customer id, a conflict, an
        // erased customer: refused rows name no customer whose erasure would delete them.
        const string Csv = """
            customerId,kind,value
            ii-mask-a,phone,+86 133 0013 3401
            ii-mask-a,phone,12345
            ii-mask-a,13300133402,phone
            133 0013 3403,email,zhao@example.com
            ii-mask-b,unionid,o6_mask_held
            ii-mask-gone,email,Gone@Example.com
            """;

        var job = await CompletedAsync(Identities, (await Identities.StartImportAsync(Upload(Csv), IdentityImportFormats.Csv)).JobId);

        Assert.Equal((6L, 1L, 4L, 1L), (job.Read, job.Added, job.Refused, job.Conflicts));
        Assert.Equal("ii-mask-a", (await Identities.LookupAsync("phone", "13300133401"))!.CustomerId);
        var rows = (await Identities.ListImportRowsAsync(job.JobId)).Items;
        Assert.Equal([
                (2L, "ii-mask-a", "phone", "+86********401", "added", null),
                (3L, "ii-mask-a", "phone", "1***5", "refused", "value"),
                (4L, "ii-mask-a", "13*******02", "p***e", "refused", "kind"),
                (5L, "133*******403", "email", "zhao********.com", "refused", "customerId"),
                (6L, "ii-mask-b", "unionid", "o6_******eld", "conflict", "value"),
                (7L, "ii-mask-gone", "email", "gone********.com", "refused", "customerId"),
            ],
            rows.Select(r => (r.Line, r.CustomerId, r.Kind, r.Value, r.State, r.Field)));
        Assert.All(rows.Where(r => r.State != "added"), r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        Assert.Contains("'o6_******eld'", rows[4].Reason);
        Assert.Contains("ii-mask-holder", rows[4].Reason);
        string[] given = ["13300133401", "12345", "13300133402", "133 0013 3403", "zhao@example.com", "o6_mask_held", "gone@example.com"];
        Assert.DoesNotContain(rows, r => given.Any(v => $"{r.CustomerId} {r.Kind} {r.Value} {r.Reason}".Contains(v, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task An_upload_that_cannot_be_read_as_a_whole_is_refused_naming_the_problem_and_stores_nothing()
    {
        var noHeader = await Assert.ThrowsAsync<PlatformApiException>(() => Identities.StartImportAsync(Upload("ii-x,phone,13300133301\n"), IdentityImportFormats.Csv));
        var empty = await Assert.ThrowsAsync<PlatformApiException>(() => Identities.StartImportAsync(Upload("customerId,kind,value\n\n"), IdentityImportFormats.Csv));
        var notUtf8 = await Assert.ThrowsAsync<PlatformApiException>(() => Identities.StartImportAsync(
            new MemoryStream([.. Encoding.UTF8.GetBytes("customerId,kind,value\nii-x,phone,"), 0xFF, 0xFE, (byte)'\n']), IdentityImportFormats.Csv));
        var wrongType = await Assert.ThrowsAsync<PlatformApiException>(() => Identities.StartImportAsync(Upload("{}"), "application/json"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType),
            (noHeader.StatusCode, empty.StatusCode, notUtf8.StatusCode, wrongType.StatusCode));
        Assert.Contains("line 1", noHeader.Problem!.Detail);
        Assert.Contains("UTF-8", notUtf8.Problem!.Detail);
        Assert.Null(await Identities.LookupAsync("phone", "13300133301"));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PlatformApiException>(() => Identities.GetImportAsync("ii-no-such-job"))).StatusCode);
    }

    internal static async Task<IdentityImportView> CompletedAsync(IdentitiesClient identities, string jobId, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromMinutes(2);
        for (var deadline = DateTime.UtcNow + limit; DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var job = await identities.GetImportAsync(jobId);
            if (job.State == "completed") return job;
        }
        throw new TimeoutException($"identity import {jobId} did not complete within {limit}");
    }

    /// <summary>A CSV upload of <paramref name="count"/> rows: customer <c>{prefix}-n</c> with phone 135 then n in 8 digits.</summary>
    internal static string PhoneCsv(string prefix, int count, int first = 0)
    {
        var csv = new StringBuilder("customerId,kind,value\n", 40 * count + 32);
        for (var n = first; n < first + count; n++) csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{n},phone,135{n:D8}\n");
        return csv.ToString();
    }
}
