using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
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
        if (!identity.IsStrong) return Refused(line, customerId, kind, value, "kind", IdentityPhrases.WeakNickname.Say());
        return new IdentityImportRow(line, customerId, identity.Kind, identity.Value, IdentityImportRowState.Pending);
    }

    /// <summary>
    /// The longest line an upload may hold: 4 KiB of UTF-8 (a row is three fields of at most a few hundred characters).
    /// A longer line is refused as a row naming <c>line</c> and skipped as it streams by, never held, so the memory an
    /// upload takes stays bounded whatever it holds.
    /// </summary>
    public const int MaxLineBytes = 4 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// The rows of an upload in <paramref name="format"/>, read as they arrive; blank lines are skipped (they keep their
    /// number), a line longer than <see cref="MaxLineBytes"/> is a refused row. Throws <see cref="UploadException"/> for
    /// an unreadable upload (naming the line that is not UTF-8) or one of more than <paramref name="maxRows"/> rows.
    /// </summary>
    public static async IAsyncEnumerable<IdentityImportRow> ReadAsync(Stream body, string format, IdentityNormalizer normalizer, long maxRows,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        try
        {
            long number = 0, rows = 0;
            var headerSeen = format != Csv;
            // In the middle of a line longer than the limit: its bytes are dropped until its end.
            var skipping = false;
            while (true)
            {
                var result = await ReadChunkAsync(reader, ct);
                var buffer = result.Buffer;
                var lines = new List<(long Number, ReadOnlySequence<byte>? Bytes)>();
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var bytes = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    lines.Add((++number, skipping || bytes.Length > MaxLineBytes ? null : bytes));
                    skipping = false;
                }
                if (result.IsCompleted && (buffer.Length > 0 || skipping))
                {
                    lines.Add((++number, skipping || buffer.Length > MaxLineBytes ? null : buffer));
                    buffer = buffer.Slice(buffer.End);
                    skipping = false;
                }
                else if (buffer.Length > MaxLineBytes)
                {
                    skipping = true;
                    buffer = buffer.Slice(buffer.End);
                }
                foreach (var (lineNumber, bytes) in lines)
                {
                    if (bytes is not { } found)
                    {
                        if (!headerSeen) throw new UploadException(ApiPhrases.Header.Say(lineNumber));
                        if (++rows > maxRows) throw new UploadException(ApiPhrases.TooManyRows.Say(maxRows), StatusCodes.Status413PayloadTooLarge);
                        yield return Refused(lineNumber, null, null, null, "line", ApiPhrases.LineTooLong.Say(MaxLineBytes));
                        continue;
                    }
                    var line = Decode(found, lineNumber).Trim();
                    if (line.Length == 0) continue;
                    if (!headerSeen)
                    {
                        if (!line.Replace(" ", "").Equals("customerId,kind,value", StringComparison.OrdinalIgnoreCase))
                            throw new UploadException(ApiPhrases.Header.Say(lineNumber));
                        headerSeen = true;
                        continue;
                    }
                    if (++rows > maxRows) throw new UploadException(ApiPhrases.TooManyRows.Say(maxRows), StatusCodes.Status413PayloadTooLarge);
                    yield return format == Csv ? CsvRow(normalizer, lineNumber, line) : JsonRow(normalizer, lineNumber, line);
                }
                if (result.IsCompleted) break;
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
            if (!headerSeen) throw new UploadException(ApiPhrases.EmptyUpload.Say());
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static async Task<ReadResult> ReadChunkAsync(PipeReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new UploadException(ApiPhrases.UploadTooLarge.Say(IdentityImportsApi.MaxUploadBytes), StatusCodes.Status413PayloadTooLarge);
        }
    }

    // A line is decoded whole, so the line an invalid byte is on is known; a byte-order mark on the first line is dropped.
    private static string Decode(ReadOnlySequence<byte> bytes, long number)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return number == 1 ? text.TrimStart('\uFEFF') : text;
        }
        catch (DecoderFallbackException)
        {
            throw new UploadException(ApiPhrases.NotUtf8.Say(number));
        }
    }

    private static IdentityImportRow CsvRow(IdentityNormalizer normalizer, long number, string line)
    {
        var fields = TagJobCsv.Fields(line);
        if (fields is null) return Refused(number, null, null, null, "line", ApiPhrases.Unterminated.Say());
        if (fields.Count != 3) return Refused(number, null, null, null, "line", ApiPhrases.Columns.Say(fields.Count));
        return Check(normalizer, number, fields[0], fields[1], fields[2]);
    }

    private static IdentityImportRow JsonRow(IdentityNormalizer normalizer, long number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Refused(number, null, null, null, "line", ApiPhrases.RowObject.Say());
            string?[] fields = [null, null, null];
            for (var i = 0; i < JsonFields.Length; i++)
            {
                if (!document.RootElement.TryGetProperty(JsonFields[i], out var field) || field.ValueKind != JsonValueKind.String) continue;
                // A JSON string may escape half a surrogate pair ("\ud800"), which has no .NET string: the row is refused naming the field.
                if (TryText(field) is not { } text)
                    return Refused(number, null, null, null, JsonFields[i], ApiPhrases.SurrogateEscape.Say());
                fields[i] = text;
            }
            return Check(normalizer, number, fields[0], fields[1], fields[2]);
        }
        catch (JsonException ex)
        {
            return Refused(number, null, null, null, "line", ApiPhrases.NotJson.Say(ex.Message));
        }
    }

    private static readonly string[] JsonFields = ["customerId", "kind", "value"];

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

    // A refused row keeps what was given, made storable and showable (control characters, NUL and unpaired surrogates
    // become U+FFFD) and cut to a length a report can show, between whole characters.
    private static IdentityImportRow Refused(long line, string? customerId, string? kind, string? value, string field, string reason) =>
        new(line, Echo(customerId), Echo(kind), Echo(value), IdentityImportRowState.Refused, field, reason);

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
