using System.Text;
using PhoneNumbers;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Identity;

/// <summary>
/// Turns an identity as a channel writes it into the one form the index stores, so that every spelling of the same
/// identity finds the same customer. Phone numbers are parsed with libphonenumber (Google's metadata): national forms
/// are read in <paramref name="defaultRegion"/> (ISO 3166 alpha-2, <c>CN</c> by default), <c>+86 138 0013 8000</c>,
/// <c>0086-13800138000</c> and <c>13800138000</c> all become <c>+8613800138000</c> (E.164), and a number that is not
/// valid for its region is refused. Thread-safe.
/// </summary>
public sealed class IdentityNormalizer(string defaultRegion = "CN")
{
    public const int MaxIdLength = 128, MaxEmailLength = 254, MaxNicknameLength = 64;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion.ToUpperInvariant();

    /// <summary>True when libphonenumber knows <paramref name="region"/> (for validating the setting at start-up).</summary>
    public static bool IsKnownRegion(string region) => Phones.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>
    /// The normalised identity, or null and why not (<paramref name="problem"/>, a sentence that follows the field's
    /// name: "must be ...").
    /// </summary>
    public CustomerIdentity? Normalize(string kind, string? value, out string? problem)
    {
        problem = null;
        if (!IdentityKinds.IsKnown(kind))
        {
            problem = IdentityPhrases.NotAKind.Say(IdentityKinds.Listed);
            return null;
        }
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = IdentityPhrases.Empty.Say();
            return null;
        }
        // No kind of identity holds control characters, and a NUL or half a surrogate cannot even be stored.
        if (PlainText.HasControlCharacters(text) || StorableText.Problem(text) is not null)
        {
            problem = IdentityPhrases.ControlOrSurrogate.Say();
            return null;
        }
        string? normal = kind switch
        {
            IdentityKinds.Phone => Phone(text, out problem),
            IdentityKinds.Email => Email(text, out problem),
            IdentityKinds.Order => Ids.IsValid(text) ? text : Fail(Ids.Rule, out problem),
            IdentityKinds.Nickname => Nickname(text, out problem),
            _ => IsToken(text, MaxIdLength) ? text : Fail(IdentityPhrases.Token.Say(MaxIdLength), out problem),
        };
        return normal is null ? null : new CustomerIdentity(kind, normal);
    }

    private string? Phone(string text, out string? problem)
    {
        problem = null;
        PhoneNumber number;
        try
        {
            number = Phones.Parse(text, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return Fail(IdentityPhrases.NotAPhone.Say(), out problem);
        }
        return Phones.IsValidNumber(number)
            ? Phones.Format(number, PhoneNumberFormat.E164)
            : Fail(IdentityPhrases.InvalidPhone.Say(DefaultRegion), out problem);
    }

    private static string? Email(string text, out string? problem)
    {
        problem = null;
        var at = text.IndexOf('@');
        if (text.Length > MaxEmailLength || at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1 || text.Any(char.IsWhiteSpace))
            return Fail(IdentityPhrases.NotAnEmail.Say(), out problem);
        return text.ToLowerInvariant();
    }

    /// <summary>Width and compatibility forms folded (NFKC: full-width letters as ASCII), inner spaces collapsed.</summary>
    private static string? Nickname(string text, out string? problem)
    {
        problem = null;
        if (!IsWellFormed(text)) return Fail(IdentityPhrases.NotUnicode.Say(), out problem);
        var folded = string.Join(' ', text.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (!TextElements.Fit(folded, MaxNicknameLength) || PlainText.HasControlCharacters(folded)) return Fail(IdentityPhrases.Nickname.Say(MaxNicknameLength), out problem);
        return folded;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    private static bool IsToken(string text, int maxLength) =>
        text.Length is > 0 && text.Length <= maxLength && text.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');

    private static string? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }
}
