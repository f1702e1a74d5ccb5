using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The one reader of uploaded text bodies, CSV (RFC 4180) or JSON lines: identity imports and tag jobs' CSV. The body
/// is read as it arrives and split into records, each decoded on its own in the charset its <c>Content-Type</c> names
/// (UTF-8 when it names none; <c>gbk</c>, <c>gb18030</c> and the other ASCII-compatible code pages through
/// <see cref="CodePagesEncodingProvider"/>), so memory stays bounded whatever the upload holds and an invalid byte is
/// reported with its line. A record ends at an LF, a CR or a CRLF; in CSV not inside a quoted field, so a quoted field
/// may hold line breaks (and the record keeps the number of the line it began on). A byte-order mark before the first
/// record is dropped. Written here rather than taken from a CSV library: the ones on hand (CsvHelper, Sylvan, Sep) stop
/// the whole read at a record over their size limit, where an import refuses that record alone and reads on.
/// </summary>
public static class TextUpload
{
    /// <summary>The upload as a whole cannot be read: nothing of it is stored. <see cref="StatusCode"/> 400, 413 or 415.</summary>
    public sealed class UploadException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
    {
        public int StatusCode { get; } = statusCode;
    }

    /// <summary>The answer to an upload refused as a whole: 400, 413 or 415 with the exception's message.</summary>
    public static ProblemHttpResult Problem(UploadException refused) => refused.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Problems.TooLarge(refused.Message),
        StatusCodes.Status415UnsupportedMediaType => Problems.UnsupportedMediaType(refused.Message),
        _ => Problems.BadRequest("body", refused.Message),
    };

    /// <summary>One record: its first line (from 1) and its text, or null text when it was longer than the limit (skipped unread).</summary>
    /// <param name="Unclosed">The body ended inside a quoted field that this record opened.</param>
    public sealed record Record(long Line, string? Text, bool Unclosed);

    /// <summary>
    /// The charset <paramref name="contentType"/> names, decoding strictly (an invalid byte throws); UTF-8 when it names
    /// none. Throws <see cref="UploadException"/> (415) naming a charset .NET does not know or one that is not
    /// ASCII-compatible (UTF-16, UTF-32, EBCDIC, the 7-bit ISO-2022 and HZ forms), whose bytes could not be split into
    /// lines and fields before decoding.
    /// </summary>
    public static Encoding EncodingOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset.Length == 0) return StrictUtf8;
        var name = media.Charset.ToString().Trim('"', ' ');
        Encoding? encoding = null;
        try
        {
            encoding = CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
        }
        if (encoding is null || !IsAsciiCompatible(encoding))
            throw new UploadException(ApiPhrases.Charset.Say(name),
                StatusCodes.Status415UnsupportedMediaType);
        return encoding;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    // Stateful 7-bit encodings write CJK characters as pairs of ASCII bytes, quotes and commas among them.
    private static readonly HashSet<int> SevenBitCodePages = [50220, 50221, 50222, 50225, 50227, 50229, 52936, 65000];

    private static bool IsAsciiCompatible(Encoding encoding)
    {
        if (SevenBitCodePages.Contains(encoding.CodePage)) return false;
        var ascii = Enumerable.Range(0, 128).Select(i => (byte)i).ToArray();
        try
        {
            return encoding.GetBytes(Encoding.ASCII.GetString(ascii)).AsSpan().SequenceEqual(ascii);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The records of <paramref name="body"/> as they arrive, blank ones included (they keep their line). A record of
    /// more than <paramref name="maxBytes"/> bytes comes with null text, its bytes dropped as they stream by. Throws
    /// <see cref="UploadException"/> for bytes that are not text in <paramref name="encoding"/> (naming the record's
    /// line) or a body over the request's size limit (413).
    /// </summary>
    /// <param name="csv">Quoted fields may hold line breaks (CSV); false: every line break ends a record (JSON lines).</param>
    public static async IAsyncEnumerable<Record> ReadAsync(Stream body, Encoding encoding, bool csv, int maxBytes,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var splitter = new Splitter(encoding, csv, maxBytes);
        var records = new List<Record>();
        try
        {
            while (true)
            {
                var result = await ReadChunkAsync(reader, ct);
                foreach (var segment in result.Buffer) splitter.Feed(segment.Span, records);
                if (result.IsCompleted) splitter.End(records);
                foreach (var record in records) yield return record;
                records.Clear();
                if (result.IsCompleted) break;
                reader.AdvanceTo(result.Buffer.End);
            }
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
            throw new UploadException(ApiPhrases.RouteUploadLimit.Say(), StatusCodes.Status413PayloadTooLarge);
        }
    }

    /// <summary>Splits bytes into records across chunks: the record in progress is copied out, so each chunk is released at once.</summary>
    private sealed class Splitter(Encoding encoding, bool csv, int maxBytes)
    {
        private readonly byte[] _record = new byte[maxBytes];
        private int _length;
        private bool _tooLong, _quoted, _closed, _afterCr, _fieldStart = true;
        private long _line = 1, _recordLine = 1;

        public void Feed(ReadOnlySpan<byte> bytes, List<Record> records)
        {
            foreach (var b in bytes)
            {
                // The LF of a CRLF: the CR already broke the line (and, outside quotes, ended the record).
                if (_afterCr && b == (byte)'\n')
                {
                    _afterCr = false;
                    if (_quoted) Append(b);
                    continue;
                }
                _afterCr = b == (byte)'\r';
                if (b is (byte)'\n' or (byte)'\r')
                {
                    if (_quoted) Append(b);
                    else Emit(records);
                    _line++;
                    if (!_quoted) _recordLine = _line;
                    continue;
                }
                if (csv) Quote(b);
                Append(b);
            }
        }

        // RFC 4180: a quote opens a quoted field only at the field's start (a stray one inside an unquoted field is
        // left to the field reader to refuse, so it cannot swallow the lines after it); inside, "" is a quote and a
        // lone one closes the field.
        private void Quote(byte b)
        {
            if (b == (byte)'"')
            {
                if (_quoted) (_quoted, _closed) = (false, true);
                else if (_closed || _fieldStart) (_quoted, _closed) = (true, false);
                _fieldStart = false;
                return;
            }
            _closed = false;
            if (_quoted) return;
            if (b == (byte)',') _fieldStart = true;
            else if (b != (byte)' ' && b != (byte)'\t') _fieldStart = false;
        }

        public void End(List<Record> records)
        {
            if (_length > 0 || _tooLong) Emit(records);
        }

        private void Append(byte b)
        {
            if (_length < _record.Length) _record[_length++] = b;
            else _tooLong = true;
        }

        private void Emit(List<Record> records)
        {
            records.Add(new Record(_recordLine, _tooLong ? null : Decode(), _quoted));
            _length = 0;
            _tooLong = false;
            _closed = false;
            _fieldStart = true;
        }

        private string Decode()
        {
            try
            {
                var text = encoding.GetString(_record, 0, _length);
                return _recordLine == 1 ? text.TrimStart('\uFEFF') : text;
            }
            catch (DecoderFallbackException)
            {
                throw new UploadException(ApiPhrases.LineNotText.Say(_recordLine, encoding.CodePage == Encoding.UTF8.CodePage ? "UTF-8" : encoding.WebName));
            }
        }
    }

    /// <summary>The fields of one CSV record (RFC 4180 quoting: <c>"..."</c>, <c>""</c> for a quote; line breaks kept inside quotes), each trimmed; null for an unterminated quote.</summary>
    public static List<string>? CsvFields(string record)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < record.Length && record[i + 1] == '"') field.Append(record[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else field.Append(c);
        }
        if (quoted) return null;
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
