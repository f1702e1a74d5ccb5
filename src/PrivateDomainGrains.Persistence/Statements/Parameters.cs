using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>
/// Array parameters for <c>unnest</c>-based multi-row statements: one parameter per column. Each is a typed
/// <see cref="NpgsqlParameter{T}"/> over an array of the column's own type, nullable values as <c>T?[]</c>: the group
/// commit writes thousands of rows a second through these, and an <c>object[]</c> of boxed values (with
/// <see cref="DBNull"/> for nulls) cost a box per value and Npgsql's per-element type resolution.
/// </summary>
internal static class Parameters
{
    public static NpgsqlParameter Text(IEnumerable<string?> values) => Column(NpgsqlDbType.Text, values.ToArray());

    public static NpgsqlParameter Bigints(IEnumerable<long> values) => Column(NpgsqlDbType.Bigint, values.ToArray());

    public static NpgsqlParameter Integers(IEnumerable<int> values) => Column(NpgsqlDbType.Integer, values.ToArray());

    public static NpgsqlParameter Smallints(IEnumerable<short> values) => Column(NpgsqlDbType.Smallint, values.ToArray());

    public static NpgsqlParameter Timestamps(IEnumerable<DateTimeOffset> values) =>
        Column(NpgsqlDbType.TimestampTz, values.Select(v => v.UtcDateTime).ToArray());

    public static NpgsqlParameter NullableTimestamps(IEnumerable<DateTimeOffset?> values) =>
        Column(NpgsqlDbType.TimestampTz, values.Select(v => v?.UtcDateTime).ToArray());

    public static NpgsqlParameter Dates(IEnumerable<DateOnly?> values) => Column(NpgsqlDbType.Date, values.ToArray());

    public static NpgsqlParameter Numerics(IEnumerable<decimal?> values) => Column(NpgsqlDbType.Numeric, values.ToArray());

    public static NpgsqlParameter Booleans(IEnumerable<bool> values) => Column(NpgsqlDbType.Boolean, values.ToArray());

    public static NpgsqlParameter TextArrays(IEnumerable<string[]> values) => Column(NpgsqlDbType.Text, values.Select(ArrayLiteral).ToArray());

    public static NpgsqlParameter Jsonb(IEnumerable<string?> values) => Column(NpgsqlDbType.Jsonb, values.ToArray());

    /// <summary>JSON already serialized to UTF-8 (<c>JsonSerializer.SerializeToUtf8Bytes</c>): sent as it is, with no string in between.</summary>
    public static NpgsqlParameter Jsonb(IEnumerable<byte[]?> values) => Column(NpgsqlDbType.Jsonb, values.ToArray());

    public static NpgsqlParameter Bytea(IEnumerable<byte[]> values) => Column(NpgsqlDbType.Bytea, values.ToArray());

    private static NpgsqlParameter<T[]> Column<T>(NpgsqlDbType element, T[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | element };

    /// <summary>
    /// A text[] per row, passed as one text per row holding the array literal (<c>{"a","b\"c"}</c>): unnest cannot take
    /// a jagged array. Elements are quoted, <c>\</c> and <c>"</c> escaped as PostgreSQL's array syntax requires; the
    /// literal is written straight into its one string, with no string per element.
    /// </summary>
    private static string ArrayLiteral(string[] items)
    {
        if (items.Length == 0) return "{}";
        var length = 2 + items.Length - 1;
        foreach (var item in items) length += 2 + item.Length + item.AsSpan().Count('\\') + item.AsSpan().Count('"');
        return string.Create(length, items, static (literal, items) =>
        {
            var at = 0;
            literal[at++] = '{';
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0) literal[at++] = ',';
                literal[at++] = '"';
                foreach (var c in items[i])
                {
                    if (c is '\\' or '"') literal[at++] = '\\';
                    literal[at++] = c;
                }
                literal[at++] = '"';
            }
            literal[at] = '}';
        });
    }
}
