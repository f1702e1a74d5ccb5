using System.Net;
using System.Net.Http.Json;
using System.Text;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Identity import uploads a break-it pass sent (issue 14): rows no text column can hold, half surrogates, endless
/// lines and bytes that are not UTF-8 each end as a refused row or a 400 naming the line, never a bare 500.
/// </summary>
public sealed class IdentityImportFaultTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;
    private IdentitiesClient Identities => platform.Client.Api.Identities;

    private static MemoryStream Upload(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_csv_row_holding_a_nul_or_a_character_cut_by_the_echo_limit_is_refused_and_echoed_as_storable_text()
    {
        var longId = new string('a', 255) + "😀";
        var csv = $"customerId,kind,value\nif-n\0ul,phone,13300134101\nif-one,unionid,o6_\0x\n{longId},phone,13300134102\nif-one,phone,13300134103\n";

        var job = await IdentityImportTests.CompletedAsync(Identities, (await Identities.StartImportAsync(Upload(csv), IdentityImportFormats.Csv, createCustomers: true)).JobId);

        Assert.Equal((4L, 1L, 3L), (job.Read, job.Added, job.Refused));
        var refused = (await Identities.ListImportRowsAsync(job.JobId, state: "refused")).Items;
        Assert.Equal([(2L, "customerId"), (3L, "value"), (4L, "customerId")], refused.Select(r => (r.Line, r.Field!)));
        // Made storable (NUL becomes U+FFFD), cut between whole characters, then masked as every refused row's value and invalid id are.
        Assert.Equal((IdentityMask.Of("if-n\uFFFDul"), IdentityMask.Of("o6_\uFFFDx")), (refused[0].CustomerId, refused[1].Value));
        Assert.Equal(IdentityMask.Of(new string('a', 255) + "…"), refused[2].CustomerId);
    }

    [Fact]
    public async Task A_json_line_with_a_nul_or_an_unpaired_surrogate_escape_is_refused_naming_its_field()
    {
        const string Lines = """
            {"customerId":"if-j\u0000","kind":"phone","value":"13300134201"}
            {"customerId":"if-j","kind":"unionid","value":"o6\u0000j"}
            {"customerId":"if-j","kind":"\ud800","value":"x"}
            {"customerId":"if-j","kind":"phone","value":"\udc00"}
            {"customerId":"if-j","kind":"phone","value":"13300134202"}
            """;

        var job = await IdentityImportTests.CompletedAsync(Identities, (await Identities.StartImportAsync(Upload(Lines), IdentityImportFormats.JsonLines, createCustomers: true)).JobId);

        Assert.Equal((5L, 1L, 4L), (job.Read, job.Added, job.Refused));
        var refused = (await Identities.ListImportRowsAsync(job.JobId, state: "refused")).Items;
        Assert.Equal([(1L, "customerId"), (2L, "value"), (3L, "kind"), (4L, "value")], refused.Select(r => (r.Line, r.Field!)));
        Assert.Equal(("i***\uFFFD", IdentityMask.Of("o6\uFFFDj")), (refused[0].CustomerId, refused[1].Value));
    }

    [Fact]
    public async Task The_synchronous_import_refuses_only_its_bad_rows_naming_their_index_and_field_and_adds_the_rest()
    {
        await Api.PostEventsAsync(Events.FriendAdded("if-sync-add", "if-sync", "alice"));
        const string Body = """
            {"rows":[
              {"customerId":"if-sync","kind":"phone","value":13300134701},
              {"customerId":"if-sync","kind":"phone","value":"\ud800"},
              {"customerId":"if-sync","kind":"phone","value":"13300134702","Value":"13300134703"},
              "if-sync,phone,13300134704",
              {"customerId":"if-sync","kind":"phone","value":"13300134705","note":"ignored"}
            ]}
            """;

        var response = await Api.SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/identities/import", Body, Api.AdminKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<IdentityImportResult>())!;
        Assert.Equal((1, 0, 4), (result.Added, result.Unchanged, result.Rejected));
        Assert.Equal([
            (0, "'value' must be a string, not number"),
            (1, "'value' is not valid Unicode text (an unpaired surrogate escape)"),
            (2, "'value' is given twice: a row names each field once"),
            (3, "'row' must be a JSON object {\"customerId\",\"kind\",\"value\"}"),
        ], result.Errors.Select(e => (e.Index, e.Error)));
        Assert.All(result.Errors, e => Assert.Equal(400, e.Status));
        Assert.Equal("if-sync", (await Identities.LookupAsync("phone", "13300134705"))!.CustomerId);
        foreach (var phone in new[] { "13300134701", "13300134702", "13300134703", "13300134704" }) Assert.Null(await Identities.LookupAsync("phone", phone));
    }

    [Fact]
    public async Task A_json_line_giving_a_number_or_a_field_twice_is_refused_naming_that_field()
    {
        const string Lines = """
            {"customerId":"if-jn","kind":"phone","value":13300134801}
            {"customerId":"if-jn","kind":"phone","kind":"unionid","value":"o6_twice"}
            {"customerId":"if-jn","kind":"phone","value":"13300134802"}
            """;

        var job = await IdentityImportTests.CompletedAsync(Identities, (await Identities.StartImportAsync(Upload(Lines), IdentityImportFormats.JsonLines, createCustomers: true)).JobId);

        Assert.Equal((3L, 1L, 2L), (job.Read, job.Added, job.Refused));
        var refused = (await Identities.ListImportRowsAsync(job.JobId, state: "refused")).Items;
        Assert.Equal([(1L, "value", "must be a string, not number"), (2L, "kind", "is given twice: a row names each field once")],
            refused.Select(r => (r.Line, r.Field!, r.Reason!)));
        Assert.Null(await Identities.LookupAsync("unionid", "o6_twice"));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_refused_naming_line_and_the_rows_around_it_are_still_read()
    {
        var huge = new string('x', 300_000);
        var csv = $"customerId,kind,value\nif-l1,phone,13300134301\nif-l2,unionid,{huge}\nif-l3,phone,13300134303\nif-l4,unionid,{huge}";

        var job = await IdentityImportTests.CompletedAsync(Identities, (await Identities.StartImportAsync(Upload(csv), IdentityImportFormats.Csv, createCustomers: true)).JobId);

        Assert.Equal((4L, 2L, 2L), (job.Read, job.Added, job.Refused));
        var refused = (await Identities.ListImportRowsAsync(job.JobId, state: "refused")).Items;
        Assert.Equal([(3L, "line"), (5L, "line")], refused.Select(r => (r.Line, r.Field!)));
        Assert.All(refused, r => Assert.Contains("4,096 bytes", r.Reason));
        Assert.Equal("if-l3", (await Identities.LookupAsync("phone", "13300134303"))!.CustomerId);
    }

    [Fact]
    public async Task An_upload_with_bytes_that_are_not_utf8_is_refused_naming_their_line()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("customerId,kind,value\nif-u1,phone,13300134401\nif-u2,phone,"), 0xFF, (byte)'\n'];

        var problem = await Assert.ThrowsAsync<PlatformApiException>(() => Identities.StartImportAsync(new MemoryStream(body), IdentityImportFormats.Csv));

        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Contains("line 3", problem.Problem!.Detail);
        Assert.Null(await Identities.LookupAsync("phone", "13300134401"));
    }

    [Fact]
    public async Task No_identity_is_added_to_an_erased_customer_by_an_import_job_the_synchronous_import_or_a_single_add_even_one_that_may_create_customers()
    {
        await Api.PostEventsAsync(Events.FriendAdded("if-erased-add", "if-erased", "alice"));
        await Api.Api.PersonalData.EraseAsync("if-erased");
        var csv = "customerId,kind,value\nif-erased,phone,13300134501\nif-kept,phone,13300134502\n";

        var job = await IdentityImportTests.CompletedAsync(Identities, (await Identities.StartImportAsync(Upload(csv), IdentityImportFormats.Csv, createCustomers: true)).JobId);
        var now = await Identities.ImportAsync([new("if-erased", "phone", "13300134503"), new("if-kept", "phone", "13300134504")], createCustomers: true);
        var single = await Assert.ThrowsAsync<PlatformApiException>(() => Identities.AddAsync("if-erased", new Dictionary<string, string> { ["phone"] = "13300134505" }, createCustomer: true));

        Assert.Equal((2L, 1L, 1L), (job.Read, job.Added, job.Refused));
        var refused = Assert.Single((await Identities.ListImportRowsAsync(job.JobId, state: "refused")).Items);
        Assert.Equal((2L, "customerId"), (refused.Line, refused.Field));
        Assert.Contains("erased", refused.Reason);
        Assert.Equal((1, 1), (now.Added, now.Rejected));
        Assert.Equal((0, 409), (now.Errors[0].Index, now.Errors[0].Status));
        Assert.Contains("'customerId'", now.Errors[0].Error);
        Assert.Equal(HttpStatusCode.Conflict, single.StatusCode);
        Assert.Contains("erased", single.Problem!.Detail);
        foreach (var phone in new[] { "13300134501", "13300134503", "13300134505" }) Assert.Null(await Identities.LookupAsync("phone", phone));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data")]
    public async Task An_upload_of_another_media_type_is_refused_with_a_problem_naming_the_content_type(string contentType)
    {
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Identities.StartImportAsync(Upload("customerId,kind,value\nif-m,phone,13300134601\n"), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Contains("'Content-Type'", refused.Problem!.Detail);
        Assert.Null(await Identities.LookupAsync("phone", "13300134601"));
    }
}
