using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Reads the rows of an identity import, from the synchronous import's JSON or from an upload streamed record by record
/// (<see cref="TextUpload"/>: in the charset the Content-Type names): CSV with the header <c>customerId,kind,value</c>
/// (RFC 4180 quoting, the header's names quoted or not, line breaks inside quoted fields, lines ending in LF, CRLF or
/// CR) or JSON lines (one <c>{"customerId","kind","value"}</c> object a line). Each row is checked on its own: a valid
/// row comes out normalised and pending, an invalid one refused with the field (<c>customerId</c>, <c>kind</c>,
/// <c>value</c>, or <c>line</c> for a line that is no row) and the reason. Only what makes the upload as a whole
/// unreadable (no header, bytes that are not text in its charset, more rows than allowed) stops it:
/// <see cref="TextUpload.UploadException"/>.
/// </summary>
public static class IdentityImportUpload
{
    /// <summary>The two upload formats and the media types that name them.</summary>
    public const string Csv = "csv", JsonLines = "jsonl";

    /// <summary>The format a Content-Type names (<c>text/csv</c>; <c>application/x-ndjson</c>, <c>application/jsonl</c>), or null.</summary>
    public static string? FormatOf(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => Csv,
            "application/x-ndjson" or "application/jsonl" or "application/jsonlines" or "application/x-jsonlines" => JsonLines,
            _ => null,
        };

    /// <summary>One row checked: normalised and pending, or refused naming the field.</summary>
    /// <param name="line">The row's line in the upload (from 1), or its index in a JSON request.</param>
    public static IdentityImportRow Check(IdentityNormalizer normalizer, long line, string? customerId, string? kind, string? value)
    {
        if (!Ids.IsValid(customerId)) return Refused(line, customerId, kind, value, "customerId", Ids.Rule);
        if (normalizer.Normalize(kind ?? "", value, out var why) is not { } identity)
            return Refused(line, customerId, kind, value, IdentityKinds.IsKnown(kind ?? "") ? "value" : "kind", why!);
        if (!identity.IsStrong) return Refused(line, customerId, kind, value, "kind", IdentityPhrases.WeakNickname.Say());
        return new IdentityImportRow(line, customerId, identity.Kind, identity.Value, IdentityImportRowState.Pending);
    }

    /// <summary>
    /// The longest record (a line, or the lines of a CSV row whose quoted field holds line breaks) an upload may hold:
    /// 4 KiB (a row is three fields of at most a few hundred characters). A longer one is refused as a row naming
    /// <c>line</c> and skipped as it streams by, never held, so the memory an upload takes stays bounded whatever it holds.
    /// </summary>
    public const int MaxLineBytes = 4 * 1024;

    /// <summary>
    /// The rows of an upload in <paramref name="format"/>, read as they arrive; blank lines are skipped (they keep their
    /// number), a record longer than <see cref="MaxLineBytes"/> is a refused row. Throws
    /// <see cref="TextUpload.UploadException"/> for an unreadable upload (naming the line that is not text in
    /// <paramref name="encoding"/>) or one of more than <paramref name="maxRows"/> rows.
    /// </summary>
    public static async IAsyncEnumerable<IdentityImportRow> ReadAsync(Stream body, string format, Encoding encoding, IdentityNormalizer normalizer, long maxRows,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        long rows = 0;
        var headerSeen = format != Csv;
        await foreach (var record in TextUpload.ReadAsync(body, encoding, csv: format == Csv, MaxLineBytes, ct))
        {
            var line = record.Text?.Trim();
            if (line is { Length: 0 }) continue;
            if (!headerSeen)
            {
                if (line is null || TextUpload.CsvFields(line) is not { } names || !names.SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
                    throw new TextUpload.UploadException(ApiPhrases.Header.Say(record.Line));
                headerSeen = true;
                continue;
            }
            if (++rows > maxRows) throw new TextUpload.UploadException(ApiPhrases.TooManyRows.Say(maxRows), StatusCodes.Status413PayloadTooLarge);
            if (record.Unclosed) yield return Refused(record.Line, null, null, null, "line", ApiPhrases.NeverClosed.Say());
            else if (line is null) yield return Refused(record.Line, null, null, null, "line", ApiPhrases.LineTooLong.Say(MaxLineBytes));
            else yield return format == Csv ? CsvRow(normalizer, record.Line, line) : JsonRow(normalizer, record.Line, line);
        }
        if (!headerSeen) throw new TextUpload.UploadException(ApiPhrases.EmptyUpload.Say());
    }

    private static readonly string[] Header = ["customerId", "kind", "value"];

    private static IdentityImportRow CsvRow(IdentityNormalizer normalizer, long number, string line)
    {
        var fields = TextUpload.CsvFields(line);
        if (fields is null) return Refused(number, null, null, null, "line", ApiPhrases.Unterminated.Say());
        if (fields.Count != 3) return Refused(number, null, null, null, "line", ApiPhrases.Columns.Say(fields.Count));
        return Check(normalizer, number, fields[0], fields[1], fields[2]);
    }

    private static IdentityImportRow JsonRow(IdentityNormalizer normalizer, long number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return JsonRowOf(normalizer, number, document.RootElement, "line");
        }
        catch (JsonException ex)
        {
            return Refused(number, null, null, null, "line", ApiPhrases.NotJson.Say(ex.Message));
        }
    }

    /// <summary>
    /// One JSON row checked, a JSON-lines upload's line or an element of the synchronous import's <c>rows</c>: an object
    /// whose <c>customerId</c>, <c>kind</c> and <c>value</c> (names matched ignoring case, as request bodies' are) are
    /// strings. A field given twice, one that is not a string (<c>{"value":5}</c>) or a string escaping half a surrogate
    /// pair refuses the row naming that field; other members are ignored. Anything but an object is refused on
    /// <paramref name="rowField"/>.
    /// </summary>
    /// <param name="line">The row's line in the upload (from 1), or its index in a JSON request.</param>
    public static IdentityImportRow JsonRowOf(IdentityNormalizer normalizer, long line, JsonElement row, string rowField)
    {
        if (row.ValueKind != JsonValueKind.Object)
            return Refused(line, null, null, null, rowField, ApiPhrases.RowObject.Say());
        string?[] fields = [null, null, null];
        var given = new bool[JsonFields.Length];
        foreach (var member in row.EnumerateObject())
        {
            var i = TryName(member) is { } name ? Array.FindIndex(JsonFields, f => f.Equals(name, StringComparison.OrdinalIgnoreCase)) : -1;
            if (i < 0) continue;
            // JSON allows a name twice and readers disagree on which one counts: the row is refused rather than guessed.
            if (given[i]) return Refused(line, fields[0], fields[1], fields[2], JsonFields[i], ApiPhrases.TwiceInRow.Say());
            given[i] = true;
            if (member.Value.ValueKind == JsonValueKind.Null) continue;
            if (member.Value.ValueKind != JsonValueKind.String)
                return Refused(line, fields[0], fields[1], fields[2], JsonFields[i], ApiPhrases.RowFieldNotString.Say(member.Value.ValueKind.ToString().ToLowerInvariant()));
            // A JSON string may escape half a surrogate pair ("\ud800"), which has no .NET string.
            if (TryText(member.Value) is not { } text)
                return Refused(line, fields[0], fields[1], fields[2], JsonFields[i], ApiPhrases.SurrogateEscape.Say());
            fields[i] = text;
        }
        return Check(normalizer, line, fields[0], fields[1], fields[2]);
    }

    private static readonly string[] JsonFields = ["customerId", "kind", "value"];

    /// <summary>A member's name, or null when it escapes half a surrogate pair (no .NET string holds that).</summary>
    internal static string? TryName(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? TryText(JsonElement field)
    {
        try
        {
            return field.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // A refused row is stored with the job's report, and may name no customer whose erasure would delete it: it keeps a
    // valid customer id and a known kind as given, and masks the value, an invalid id and an unknown kind (a column
    // shifted in a spreadsheet puts a phone there), so the report names the line and what is wrong, never the personal
    // value. What is kept is made storable and showable (control characters, NUL and unpaired surrogates become
    // U+FFFD) and cut to a length a report can show, between whole characters.
    private static IdentityImportRow Refused(long line, string? customerId, string? kind, string? value, string field, string reason) =>
        new(line, Ids.IsValid(customerId) ? customerId : Masked(customerId), kind is not null && IdentityKinds.IsKnown(kind) ? kind : Masked(kind),
            Masked(value), IdentityImportRowState.Refused, field, reason);

    private static string? Masked(string? text) => Echo(text) is { } shown ? IdentityMask.Of(shown) : null;

    private const int MaxEchoLength = 256;

    private static string? Echo(string? text)
    {
        if (text is null) return null;
        var clean = string.Create(text.Length, text, static (chars, given) =>
        {
            for (var i = 0; i < given.Length; i++)
            {
                var c = given[i];
                if (char.IsHighSurrogate(c) && i + 1 < given.Length && char.IsLowSurrogate(given[i + 1]))
                {
                    chars[i] = c;
                    chars[++i] = given[i];
                }
                else chars[i] = char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c;
            }
        });
        return StorableText.Shorten(clean, MaxEchoLength);
    }
}
