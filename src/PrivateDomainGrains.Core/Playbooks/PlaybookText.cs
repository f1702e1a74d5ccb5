using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// Every string of a playbook, wherever it sits (templates, tags, keywords, descriptions, field names...), checked
/// once: storable (<see cref="StorableText"/>), not longer than the general cap as a person counts (<see cref="TextElements"/>), and plain text of one or more lines
/// (<see cref="PlainText"/>: a BEL or a U+202E in a script or a title is refused; single-line fields are checked for
/// line breaks where they are validated) when the playbook is sent now. Walks the spec types' public
/// properties, so a string property added to a spec later is covered without a new check. Paths are the JSON paths
/// an operator sees (<c>$.rules[0].actions[1].title</c>).
/// </summary>
internal static class PlaybookText
{
    /// <param name="plain">Also check that every string is plain text (a playbook sent now, not one stored before the rule).</param>
    public static void Check(Playbook playbook, int maxLength, bool plain, Action<string, string> error) => Visit(playbook, "$", maxLength, plain, error);

    private static void Visit(object? value, string path, int maxLength, bool plain, Action<string, string> error)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (StorableText.Problem(text) is { } problem) error(path, problem);
                else if (!TextElements.Fit(text, maxLength)) error(path, CommonPhrases.AtMostCharacters.Say(maxLength));
                else if (plain && PlainText.Problem(text, multiline: true) is { } notPlain) error(path, notPlain);
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items) Visit(item, $"{path}[{i++}]", maxLength, plain, error);
                return;
        }
        var type = value.GetType();
        if (type.Namespace != typeof(Playbook).Namespace) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Visit(property.GetValue(value), path + "." + name, maxLength, plain, error);
        }
    }
}
