using System.IO.Hashing;
using System.Text;

namespace PrivateDomainGrains.Core.Nudges;

/// <summary>
/// Nudge ids are derived from the event that raised them, so re-deciding the same event (a replay after a crash)
/// yields the same id and the inbox stores it once. The id is "n_" and the first 12 bytes of the XXH128 of
/// <c>eventId + "\n" + kind</c>: ids need to be distinct, not secret (the inbox is keyed by tenant, whose own
/// integrations choose the event ids), and a decision makes one per candidate, so the hash must cost nanoseconds;
/// SHA-256 made it a quarter of a decision.
/// </summary>
public static class NudgeIds
{
    public static string For(string eventId, string kind)
    {
        // UTF-8 of eventId + "\n" + kind, on the stack when short (it is, for every id the engine makes).
        var length = Encoding.UTF8.GetMaxByteCount(eventId.Length + 1 + kind.Length);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(eventId, buffer);
        buffer[written++] = (byte)'\n';
        written += Encoding.UTF8.GetBytes(kind, buffer[written..]);
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(buffer[..written], hash);
        Span<char> id = stackalloc char[2 + 24];
        id[0] = 'n';
        id[1] = '_';
        Convert.TryToHexStringLower(hash[..12], id[2..], out _);
        return new string(id);
    }
}
