using System.Xml;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// Reads WeCom's flat XML documents (<c>&lt;xml&gt;&lt;Name&gt;value&lt;/Name&gt;...&lt;/xml&gt;</c>) into their
/// top-level elements' text. Safe against XXE and entity expansion: DTDs are refused outright and no resolver is
/// set, so nothing outside the document is ever read; documents are capped in size.
/// </summary>
public static class WeComXml
{
    /// <summary>Largest document read, in characters: WeCom's callbacks are well under 4 KB.</summary>
    public const int MaxCharacters = 64 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>
    /// The text of each top-level element, by element name (the first occurrence wins). Elements with element
    /// children (e.g. a chat's <c>MemChangeList</c>) are skipped: nothing we map reads them.
    /// </summary>
    /// <exception cref="XmlException">Malformed, has a DTD, or exceeds <see cref="MaxCharacters"/>.</exception>
    public static IReadOnlyDictionary<string, string> ReadFields(string xml)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        reader.MoveToContent();
        if (reader.IsEmptyElement) return fields;
        reader.ReadStartElement();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Skip();
                continue;
            }
            var name = reader.LocalName;
            var value = ReadSimpleContent(reader);
            if (value is not null) fields.TryAdd(name, value);
        }
        return fields;
    }

    /// <summary>An element's text (CDATA included), or null, having skipped it, if it holds elements.</summary>
    private static string? ReadSimpleContent(XmlReader reader)
    {
        using var subtree = reader.ReadSubtree();
        subtree.Read();
        var text = new System.Text.StringBuilder();
        var simple = true;
        while (subtree.Read())
        {
            if (subtree.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace) text.Append(subtree.Value);
            else if (subtree.NodeType == XmlNodeType.Element) simple = false;
        }
        subtree.Close();
        reader.Read(); // past the element's end (ReadSubtree leaves the reader on it)
        return simple ? text.ToString() : null;
    }
}
