using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Reads a tag job's CSV upload (<see cref="TextUpload"/>: RFC 4180, in the Content-Type's charset): one customer per
/// record, either a customer id (one column) or an identity as <c>kind,value</c> (<c>phone,13800138000</c>, normalised
/// as events' identities are); blank lines are skipped and a first record <c>customerId</c> or <c>kind,value</c>
/// (quoted or not) is a header. A malformed record is a 400 naming its line (nothing is staged); an identity nobody
/// holds is resolved later and fails its row.
/// </summary>
public static class TagJobCsv
{
    /// <summary>The longest record: a customer id or an identity is a few hundred bytes at most.</summary>
    public const int MaxRecordBytes = 4 * 1024;

    /// <summary>A staged row, and the identity still to resolve to its customer (null: the row names its customer id).</summary>
    public sealed record Line(TagJobInput Row, CustomerIdentity? Identity);

    public static async Task<(List<Line>? Lines, ProblemHttpResult? Problem)> ReadAsync(Stream body, Encoding encoding, IdentityNormalizer normalizer, int maxRows,
        CancellationToken ct)
    {
        var lines = new List<Line>();
        try
        {
            await foreach (var record in TextUpload.ReadAsync(body, encoding, csv: true, MaxRecordBytes, ct))
            {
                var number = record.Line;
                if (record.Unclosed) return (null, Problems.BadRequest("body", ApiPhrases.CsvNeverClosed.Say(number)));
                if (record.Text is null) return (null, Problems.BadRequest("body", ApiPhrases.CsvLineTooLong.Say(number, MaxRecordBytes)));
                if (record.Text.Trim().Length == 0) continue;
                if (TextUpload.CsvFields(record.Text) is not { } fields) return (null, Problems.BadRequest("body", ApiPhrases.CsvUnterminated.Say(number)));
                if (lines.Count == 0 && IsHeader(fields)) continue;
                if (fields.Count == 1)
                {
                    if (!Ids.IsValid(fields[0])) return (null, Problems.BadRequest("body", ApiPhrases.CsvCustomerId.Say(number, Ids.Rule)));
                    lines.Add(new Line(new TagJobInput(fields[0], fields[0]), null));
                }
                else if (fields.Count == 2)
                {
                    if (normalizer.Normalize(fields[0], fields[1], out var problem) is not { } identity)
                        return (null, Problems.BadRequest("body", (IdentityKinds.IsKnown(fields[0]) ? ApiPhrases.CsvIdentityValue : ApiPhrases.CsvIdentityKind).Say(number, problem)));
                    // The row keeps the kind and a masked value: a job's results are no copy of the personal data it was given.
                    lines.Add(new Line(new TagJobInput(identity.Masked, null), identity));
                }
                else return (null, Problems.BadRequest("body", ApiPhrases.CsvColumns.Say(number, fields.Count)));
                if (lines.Count > maxRows) return (null, Problems.BadRequest("body", ApiPhrases.CsvTooManyCustomers.Say(maxRows)));
            }
        }
        catch (TextUpload.UploadException refused)
        {
            return (null, TextUpload.Problem(refused));
        }
        return lines.Count == 0 ? (null, Problems.BadRequest("body", ApiPhrases.CsvNoCustomer.Say())) : (lines, null);
    }

    private static bool IsHeader(List<string> fields) =>
        fields is [var id] && (id.Equals("customerId", StringComparison.OrdinalIgnoreCase) || id.Equals("customer_id", StringComparison.OrdinalIgnoreCase))
        || fields is [var kind, var value] && kind.Equals("kind", StringComparison.OrdinalIgnoreCase) && value.Equals("value", StringComparison.OrdinalIgnoreCase);
}
