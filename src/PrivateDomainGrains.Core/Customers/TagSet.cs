using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Tags;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// A customer's tags: a sorted array (ordinal), stored as a JSON array of strings. Customers have a few tags at most,
/// so this beats a <see cref="SortedSet{T}"/> (a node object per tag) for memory, and binary search is as fast.
/// Tag strings are shared across customers. Every tag is folded on its way in and when looked up
/// (<see cref="TagNames.Fold"/>: <c>ＶＩＰ</c> is <c>VIP</c>), whichever path it came by (API, playbook action,
/// keyword, a snapshot stored before the fold).
/// </summary>
[JsonConverter(typeof(Json))]
public sealed class TagSet : IReadOnlyCollection<string>
{
    private string[] _tags = [];

    public TagSet() { }

    public TagSet(IEnumerable<string> tags)
    {
        foreach (var tag in tags) Add(tag);
    }

    public int Count => _tags.Length;

    public bool Contains(string tag) => IndexOf(tag) >= 0;

    /// <summary>Adds the tag; false when it was already there.</summary>
    public bool Add(string tag)
    {
        tag = TagNames.Fold(tag);
        var i = IndexOf(tag);
        if (i >= 0) return false;
        i = ~i;
        var grown = new string[_tags.Length + 1];
        Array.Copy(_tags, grown, i);
        grown[i] = SharedStrings.Share(tag);
        Array.Copy(_tags, i, grown, i + 1, _tags.Length - i);
        _tags = grown;
        return true;
    }

    /// <summary>Removes the tag; false when it was not there.</summary>
    public bool Remove(string tag)
    {
        var i = IndexOf(tag);
        if (i < 0) return false;
        var shrunk = _tags.Length == 1 ? [] : new string[_tags.Length - 1];
        Array.Copy(_tags, shrunk, i);
        Array.Copy(_tags, i + 1, shrunk, i, _tags.Length - i - 1);
        _tags = shrunk;
        return true;
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string tag) => Array.BinarySearch(_tags, TagNames.Fold(tag), StringComparer.Ordinal);

    internal sealed class Json : JsonConverter<TagSet>
    {
        public override TagSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<string[]>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, TagSet value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value._tags, options);
    }
}
