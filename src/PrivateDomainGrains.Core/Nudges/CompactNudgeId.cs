using System.Buffers;
using System.Buffers.Binary;

namespace PrivateDomainGrains.Core.Nudges;

/// <summary>
/// A nudge id as resident customers hold it (their next best action, their recent nudges): an id made by
/// <see cref="NudgeIds.For"/> is "n_" and 24 hex digits, 80 bytes as a string, so its 12 bytes are kept instead.
/// Any other id is kept as the string it is, so every id reads back exactly as it was given.
/// </summary>
internal readonly struct CompactNudgeId : IEquatable<CompactNudgeId>
{
    private const string Prefix = "n_";
    private const int HexDigits = 24;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private readonly UInt128 _hash;
    private readonly string? _other;

    private CompactNudgeId(UInt128 hash, string? other) => (_hash, _other) = (hash, other);

    public static CompactNudgeId From(string id)
    {
        if (id.Length != Prefix.Length + HexDigits || !id.StartsWith(Prefix, StringComparison.Ordinal)) return new(0, id);
        var hex = id.AsSpan(Prefix.Length);
        // Lowercase only: an uppercase id would come back lowercase, a different id.
        if (hex.ContainsAnyExcept(LowerHex)) return new(0, id);
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        Convert.FromHexString(hex, bytes[4..], out _, out _);
        return new(BinaryPrimitives.ReadUInt128BigEndian(bytes), null);
    }

    public bool Is(string id) => _other is not null ? string.Equals(_other, id, StringComparison.Ordinal) : Equals(From(id));

    public bool Equals(CompactNudgeId other) => _hash == other._hash && string.Equals(_other, other._other, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is CompactNudgeId other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_hash, _other);

    /// <summary>
    /// The id as given. A kept hash is spelled into one string: a decision spells every nudge it closes or credits,
    /// and concatenating the prefix to the hex digits made each of those a second string.
    /// </summary>
    public override string ToString() => _other ?? string.Create(Prefix.Length + HexDigits, _hash, static (id, hash) =>
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        Prefix.CopyTo(id);
        Convert.TryToHexStringLower(bytes[4..], id[Prefix.Length..], out _);
    });
}
