using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Identity;

/// <summary>
/// Tenant, customer, staff, event and nudge ids: 1-128 characters of ASCII letters, digits and <c>-_.:@</c>.
/// Restricting the alphabet keeps ids safe inside grain keys, URLs and log lines.
/// </summary>
public static class Ids
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength) return false;
        foreach (var c in id)
        {
            if (!IsAllowed(c)) return false;
        }
        return true;
    }

    /// <summary>The rule an id must follow, to follow the field's name in a message (in the caller's language: <see cref="Phrase"/>).</summary>
    public static string Rule => CommonPhrases.IdRule.Say();

    /// <summary>The rule after the field's name: <c>'customerId' must be ...</c>.</summary>
    public static string Describe(string field) => CommonPhrases.IdField.Say(field);

    private static bool IsAllowed(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.' or ':' or '@';
}
