using System.Security.Cryptography;
using System.Text;

namespace PrivateDomainGrains.Core.Nudges;

/// <summary>
/// Nudge ids are derived from the event that raised them, so re-deciding the same event (a replay after a crash)
/// yields the same id and the inbox stores it once.
/// </summary>
public static class NudgeIds
{
    public static string For(string eventId, string kind)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(eventId + "\n" + kind), hash);
        return "n_" + Convert.ToHexStringLower(hash[..12]);
    }
}
