using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>Array parameters for <c>unnest</c>-based multi-row statements: one parameter per column.</summary>
internal static class Parameters
{
    public static NpgsqlParameter Text(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static NpgsqlParameter Bigints(IEnumerable<long> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    public static NpgsqlParameter Integers(IEnumerable<int> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer };

    public static NpgsqlParameter Smallints(IEnumerable<short> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint };

    public static NpgsqlParameter Timestamps(IEnumerable<DateTimeOffset> values) =>
        new() { Value = values.Select(v => v.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    public static NpgsqlParameter NullableTimestamps(IEnumerable<DateTimeOffset?> values) =>
        new() { Value = values.Select(v => v is { } at ? (object)at.UtcDateTime : DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    public static NpgsqlParameter Dates(IEnumerable<DateOnly?> values) =>
        new() { Value = values.Select(v => v is { } d ? (object)d : DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date };

    public static NpgsqlParameter Numerics(IEnumerable<decimal?> values) =>
        new() { Value = values.Select(v => v is { } d ? (object)d : DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric };

    public static NpgsqlParameter Booleans(IEnumerable<bool> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean };

    public static NpgsqlParameter TextArrays(IEnumerable<string[]> values) =>
        new() { Value = values.Select(JoinArray).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static NpgsqlParameter Jsonb(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };

    public static NpgsqlParameter Bytea(IEnumerable<byte[]> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea };

    /// <summary>
    /// A text[] per row, passed as one text per row holding the array literal: unnest cannot take a jagged array.
    /// Elements are quoted and escaped as PostgreSQL's array syntax requires.
    /// </summary>
    private static string JoinArray(string[] items) =>
        "{" + string.Join(",", items.Select(i => "\"" + i.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "}";
}
