using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>The playbook's JSON form: camelCase, comments and trailing commas accepted, nulls omitted on write.</summary>
public static class PlaybookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <exception cref="JsonException">The text is not a playbook document; <see cref="JsonException.Path"/> says where.</exception>
    public static Playbook Parse(string json) =>
        JsonSerializer.Deserialize<Playbook>(json, Options) ?? throw new JsonException("the document is null", "$", null, null);

    public static string Serialize(Playbook playbook) => JsonSerializer.Serialize(playbook, Options);
}
