using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Reads a tag job's CSV upload: one customer per line, either a customer id (one column) or an identity as
/// <c>kind,value</c> (<c>phone,13800138000</c>, normalised as events' identities are); blank lines are skipped and a
/// first line <c>customerId</c> or <c>kind,value</c> is a header. A field may be quoted (<c>"..."</c>, <c>""</c> for a quote).
/// A malformed line is a 400 naming it (nothing is staged); an identity nobody holds is resolved later and fails its row.
/// </summary>
public static class TagJobCsv
{
    /// <summary>A staged row, and the identity still to resolve to its customer (null: the row names its customer id).</summary>
    public sealed record Line(TagJobInput Row, CustomerIdentity? Identity);

    public static (List<Line>? Lines, ProblemHttpResult? Problem) Read(string text, IdentityNormalizer normalizer, int maxRows)
    {
        var lines = new List<Line>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (number == 1) line = line.TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            if (lines.Count == 0 && IsHeader(line)) continue;
            var fields = Fields(line);
            if (fields is null) return (null, Problems.BadRequest("body", $"'body' line {number}: an unterminated quoted field"));
            if (fields.Count == 1)
            {
                if (!Ids.IsValid(fields[0])) return (null, Problems.BadRequest("body", $"'body' line {number}: a customer id {Ids.Rule}"));
                lines.Add(new Line(new TagJobInput(fields[0], fields[0]), null));
            }
            else if (fields.Count == 2)
            {
                if (normalizer.Normalize(fields[0].Trim(), fields[1], out var problem) is not { } identity)
                    return (null, Problems.BadRequest("body", $"'body' line {number}: the identity {(IdentityKinds.IsKnown(fields[0].Trim()) ? "value" : "kind")} {problem}"));
                lines.Add(new Line(new TagJobInput($"{identity.Kind}:{identity.Value}", null), identity));
            }
            else return (null, Problems.BadRequest("body", $"'body' line {number}: one column (a customer id) or two (kind,value), not {fields.Count}"));
            if (lines.Count > maxRows) return (null, Problems.BadRequest("body", $"'body' must hold at most {maxRows:N0} customers"));
        }
        return lines.Count == 0 ? (null, Problems.BadRequest("body", "'body' must name at least one customer")) : (lines, null);
    }

    private static bool IsHeader(string line) =>
        line.Equals("customerId", StringComparison.OrdinalIgnoreCase) || line.Equals("customer_id", StringComparison.OrdinalIgnoreCase)
        || line.Replace(" ", "").Equals("kind,value", StringComparison.OrdinalIgnoreCase);

    /// <summary>The fields of one line (RFC 4180 quoting), trimmed; null for an unterminated quote.</summary>
    internal static List<string>? Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') field.Append(line[++i]);
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
