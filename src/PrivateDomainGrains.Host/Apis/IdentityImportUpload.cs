using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Reads the rows of an identity import, from the synchronous import's JSON or from an upload streamed line by line:
/// CSV with the header <c>customerId,kind,value</c> (RFC 4180 quoting) or JSON lines (one
/// <c>{"customerId","kind","value"}</c> object a line). Each row is checked on its own: a valid row comes out
/// normalised and pending, an invalid one refused with the field (<c>customerId</c>, <c>kind</c>, <c>value</c>, or
/// <c>line</c> for a line that is no row) and the reason. Only what makes the upload as a whole unreadable (no
/// header, not UTF-8, more rows than allowed) stops it: <see cref="UploadException"/>.
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

    /// <summary>The upload as a whole cannot be read: nothing of it is stored. <see cref="StatusCode"/> 400 or 413.</summary>
    public sealed class UploadException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
    {
        public int StatusCode { get; } = statusCode;
    }

    /// <summary>One row checked: normalised and pending, or refused naming the field.</summary>
    /// <param name="line">The row's line in the upload (from 1), or its index in a JSON request.</param>
    public static IdentityImportRow Check(IdentityNormalizer normalizer, long line, string? customerId, string? kind, string? value)
    {
        if (!Ids.IsValid(customerId)) return Refused(line, customerId, kind, value, "customerId", Ids.Rule);
        if (normalizer.Normalize(kind ?? "", value, out var why) is not { } identity)
            return Refused(line, customerId, kind, value, IdentityKinds.IsKnown(kind ?? "") ? "value" : "kind", why!);
        if (!identity.IsStrong) return Refused(line, customerId, kind, value, "kind", "nickname is weak: many customers may share one, so it is not indexed");
        return new IdentityImportRow(line, customerId, identity.Kind, identity.Value, IdentityImportRowState.Pending);
    }

    /// <summary>
    /// The rows of an upload in <paramref name="format"/>, read as they arrive; blank lines are skipped (they keep their
    /// number). Throws <see cref="UploadException"/> for an unreadable upload or one of more than <paramref name="maxRows"/> rows.
    /// </summary>
    public static async IAsyncEnumerable<IdentityImportRow> ReadAsync(Stream body, string format, IdentityNormalizer normalizer, long maxRows,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        long number = 0, rows = 0;
        var headerSeen = format != Csv;
        while (true)
        {
            string? text;
            try
            {
                text = await reader.ReadLineAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                // Decoded a buffer at a time: the line is only where the reading got to.
                throw new UploadException($"'body' is not UTF-8 text (after line {number})");
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new UploadException($"'body' is larger than the upload limit ({IdentityImportsApi.MaxUploadBytes:N0} bytes)", StatusCodes.Status413PayloadTooLarge);
            }
            if (text is null) break;
            number++;
            var line = text.Trim();
            if (line.Length == 0) continue;
            if (!headerSeen)
            {
                if (!line.Replace(" ", "").Equals("customerId,kind,value", StringComparison.OrdinalIgnoreCase))
                    throw new UploadException($"'body' line {number}: the first line must be the header customerId,kind,value");
                headerSeen = true;
                continue;
            }
            if (++rows > maxRows) throw new UploadException($"'body' holds more than {maxRows:N0} rows", StatusCodes.Status413PayloadTooLarge);
            yield return format == Csv ? CsvRow(normalizer, number, line) : JsonRow(normalizer, number, line);
        }
        if (!headerSeen) throw new UploadException("'body' is empty: the first line must be the header customerId,kind,value");
    }

    private static IdentityImportRow CsvRow(IdentityNormalizer normalizer, long number, string line)
    {
        var fields = TagJobCsv.Fields(line);
        if (fields is null) return Refused(number, null, null, null, "line", "has an unterminated quoted field");
        if (fields.Count != 3) return Refused(number, null, null, null, "line", $"must have 3 columns (customerId,kind,value), not {fields.Count}");
        return Check(normalizer, number, fields[0], fields[1], fields[2]);
    }

    private static IdentityImportRow JsonRow(IdentityNormalizer normalizer, long number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Refused(number, null, null, null, "line", "must be a JSON object {\"customerId\",\"kind\",\"value\"}");
            return Check(normalizer, number, Text(document.RootElement, "customerId"), Text(document.RootElement, "kind"), Text(document.RootElement, "value"));
        }
        catch (JsonException ex)
        {
            return Refused(number, null, null, null, "line", "is not JSON: " + ex.Message);
        }
    }

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // A refused row keeps what was given (cut to a length a report can show).
    private static IdentityImportRow Refused(long line, string? customerId, string? kind, string? value, string field, string reason) =>
        new(line, Cut(customerId), Cut(kind), Cut(value), IdentityImportRowState.Refused, field, reason);

    private static string? Cut(string? text) => text is { Length: > 256 } ? text[..256] : text;
}
