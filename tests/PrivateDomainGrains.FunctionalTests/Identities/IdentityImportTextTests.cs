using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Identity import uploads as spreadsheets and other systems write them (issue 14): a byte-order mark, a quoted header,
/// line breaks inside a quoted field, lines ending in a bare CR, and text in GBK or GB18030 named by the Content-Type's
/// charset. Each is read as the same rows, with the lines a person would count.
/// </summary>
public sealed class IdentityImportTextTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;
    private IdentitiesClient Identities => platform.Client.Api.Identities;

    private async Task<HttpResponseMessage> UploadAsync(byte[] body, string contentType) =>
        await Api.SendBytesAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/identity-imports?createCustomers=true", body, Api.AdminKey, contentType);

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private async Task<IdentityImportView> CompletedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<IdentityImportAccepted>())!;
        return await IdentityImportTests.CompletedAsync(Identities, accepted.JobId);
    }

    [Fact]
    public async Task A_csv_with_a_bom_a_quoted_header_bare_cr_line_ends_and_a_line_break_inside_quotes_is_read_row_by_row_with_its_lines()
    {
        const string Csv =
            "\uFEFF\"customerId\",\"Kind\",\"value\"\r" +      // line 1, ended by a bare CR
            "it-1,phone,13300135001\r" +                      // line 2
            "it-2,unionid,\"o6_multi\nline\"\r" +              // lines 3 and 4: one row, its value holding a line break
            "\"it-3\",\"phone\",\"133 0013 5003\"\r\n" +      // line 5
            "it-4,\"phone\",13300135004";                     // line 6, no line end

        var job = await CompletedAsync(await UploadAsync(Encoding.UTF8.GetBytes(Csv), "text/csv"));

        Assert.Equal((4L, 3L, 1L), (job.Read, job.Added, job.Refused));
        var refused = Assert.Single((await Identities.ListImportRowsAsync(job.JobId, state: "refused")).Items);
        Assert.Equal((3L, "value", IdentityMask.Of("o6_multi\uFFFDline")), (refused.Line, refused.Field, refused.Value));
        Assert.Equal(6L, (await Identities.ListImportRowsAsync(job.JobId, state: "added")).Items.Max(r => r.Line));
        foreach (var (customer, phone) in new[] { ("it-1", "13300135001"), ("it-3", "13300135003"), ("it-4", "13300135004") })
            Assert.Equal(customer, (await Identities.LookupAsync("phone", phone))!.CustomerId);
    }

    [Theory]
    [InlineData("gbk")]
    [InlineData("GB18030")]
    [InlineData("\"gb2312\"")]
    public async Task A_csv_in_the_chinese_charset_its_content_type_names_is_decoded_in_it(string charset)
    {
        var email = $"李雷-{charset.Trim('"').ToLowerInvariant()}@例子.中国";
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(charset.Trim('"'))!;
        var body = encoding.GetBytes($"customerId,kind,value\nit-gb-{charset.Trim('"')},email,{email}\n");

        var job = await CompletedAsync(await UploadAsync(body, $"text/csv; charset={charset}"));

        Assert.Equal((1L, 1L), (job.Read, job.Added));
        Assert.Equal($"it-gb-{charset.Trim('"')}", (await Identities.LookupAsync("email", email))!.CustomerId);
    }

    [Fact]
    public async Task Gbk_bytes_sent_as_utf8_are_refused_naming_their_line()
    {
        var body = CodePagesEncodingProvider.Instance.GetEncoding("gbk")!.GetBytes("customerId,kind,value\nit-gbk-utf8,email,韩梅梅@例子.中国\n");

        var response = await UploadAsync(body, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 2 is not UTF-8", await DetailAsync(response));
    }

    [Theory]
    [InlineData("klingon")]
    [InlineData("utf-16")]
    [InlineData("iso-2022-jp")]
    public async Task A_charset_that_is_unknown_or_not_ascii_compatible_is_refused_naming_it_and_nothing_is_stored(string charset)
    {
        var response = await UploadAsync(Encoding.UTF8.GetBytes("customerId,kind,value\nit-cs,phone,13300135101\n"), $"text/csv; charset={charset}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains($"charset '{charset}'", await DetailAsync(response));
        Assert.Null(await Identities.LookupAsync("phone", "13300135101"));
    }
}
