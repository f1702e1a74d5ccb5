using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// WeCom's callback encryption ("WXBizMsgCrypt", 加解密方案), with .NET's own SHA-1 and AES:
/// <list type="bullet">
/// <item><c>msg_signature</c> = lower-case hex SHA-1 of the ordinal-sorted concatenation of Token, timestamp, nonce and
/// the ciphertext (the <c>Encrypt</c> element, or <c>echostr</c> for URL verification).</item>
/// <item>Ciphertext = base64 of AES-256-CBC with key = base64-decode(EncodingAESKey + "=") (32 bytes), IV = the key's
/// first 16 bytes, over PKCS#7 padding to a 32-byte block of: 16 random bytes, the message length (4 bytes,
/// big-endian), the message (UTF-8), the receive id (the CorpID for a company's own app).</item>
/// </list>
/// The format is that of WeCom's published libraries (e.g. github.com/sbzhu/weworkapi_python, callback/WXBizMsgCrypt.py).
/// Instances are immutable and thread-safe.
/// </summary>
public sealed class WeComCallbackCrypto
{
    /// <summary>WeCom pads to 32-byte blocks (not AES's 16), so .NET's PKCS#7 mode cannot strip it: we do.</summary>
    public const int PaddingBlockSize = 32;
    public const int EncodingAesKeyLength = 43;
    private const int RandomPrefixLength = 16;
    private const int HeaderLength = RandomPrefixLength + 4;

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _receiveId;

    /// <param name="token">The callback Token set in WeCom's admin console.</param>
    /// <param name="encodingAesKey">The 43-character EncodingAESKey set in WeCom's admin console.</param>
    /// <param name="receiveId">The CorpID: what every plaintext must end with, and what <see cref="Encrypt"/> appends.</param>
    /// <exception cref="FormatException">The EncodingAESKey is not 43 characters of base64.</exception>
    public WeComCallbackCrypto(string token, string encodingAesKey, string receiveId)
    {
        if (encodingAesKey.Length != EncodingAesKeyLength) throw new FormatException($"The EncodingAESKey must be {EncodingAesKeyLength} characters");
        _token = token;
        _key = Convert.FromBase64String(encodingAesKey + "=");
        _receiveId = Encoding.UTF8.GetBytes(receiveId);
    }

    /// <summary>The <c>msg_signature</c> WeCom computes for these values (40 lower-case hex digits).</summary>
    public string Signature(string timestamp, string nonce, string ciphertext)
    {
        string[] parts = [_token, timestamp, nonce, ciphertext];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>Whether <paramref name="signature"/> (hex, any case) is the signature of these values; constant time.</summary>
    public bool IsSignedBy(string signature, string timestamp, string nonce, string ciphertext) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature(timestamp, nonce, ciphertext)),
            Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));

    /// <summary>Decrypts a ciphertext into its message and the receive id it names (the caller compares it to the CorpID).</summary>
    /// <exception cref="WeComCryptoException">Not base64, not whole AES blocks, bad padding or a length beyond the plaintext.</exception>
    public WeComPlaintext Decrypt(string ciphertext)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException)
        {
            throw new WeComCryptoException("the ciphertext is not base64");
        }
        if (cipher.Length == 0 || cipher.Length % 16 != 0) throw new WeComCryptoException("the ciphertext is not a whole number of AES blocks");

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);

        var pad = plain[^1];
        if (pad is < 1 or > PaddingBlockSize || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept(pad))
            throw new WeComCryptoException("the padding is invalid (wrong EncodingAESKey?)");
        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < HeaderLength) throw new WeComCryptoException("the plaintext is shorter than its header");
        var length = BinaryPrimitives.ReadInt32BigEndian(content.Slice(RandomPrefixLength, 4));
        if (length < 0 || length > content.Length - HeaderLength) throw new WeComCryptoException("the message length exceeds the plaintext");
        return new WeComPlaintext(
            Encoding.UTF8.GetString(content.Slice(HeaderLength, length)),
            Encoding.UTF8.GetString(content[(HeaderLength + length)..]));
    }

    /// <summary>
    /// Encrypts a message the way WeCom does (fresh random prefix, this crypto's receive id): what a passive reply
    /// needs, and what lets tests and load drivers send callbacks exactly as WeCom would.
    /// </summary>
    public string Encrypt(string message)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var length = HeaderLength + body.Length + _receiveId.Length;
        var pad = PaddingBlockSize - length % PaddingBlockSize;
        var plain = new byte[length + pad];
        RandomNumberGenerator.Fill(plain.AsSpan(0, RandomPrefixLength));
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomPrefixLength, 4), body.Length);
        body.CopyTo(plain, HeaderLength);
        _receiveId.CopyTo(plain, HeaderLength + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }
}

/// <summary>A decrypted callback: the message (XML for callbacks, a number string for URL verification) and its receive id.</summary>
public sealed record WeComPlaintext(string Message, string ReceiveId);

/// <summary>A ciphertext that does not decrypt into WeCom's plaintext format; the message says why, for a 400.</summary>
public sealed class WeComCryptoException(string message) : Exception(message);
