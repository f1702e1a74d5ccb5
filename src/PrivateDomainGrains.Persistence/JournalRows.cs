using Npgsql;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Persistence;

/// <summary>Reading <see cref="JournalRow"/>s: the one column list and mapping every journal query uses.</summary>
internal static class JournalRows
{
    public const string Columns = "j.tenant, j.customer_id, j.seq, j.event_id, j.type, j.occurred_at, j.channel, j.staff_id, j.body, j.data::text, j.history";

    public static JournalRow Read(NpgsqlDataReader reader, int offset = 0)
    {
        var customerId = reader.GetString(offset + 1);
        return new JournalRow(reader.GetString(offset), customerId, reader.GetInt64(offset + 2), new CustomerEvent(
            reader.GetString(offset + 3), customerId, reader.GetString(offset + 4),
            new DateTimeOffset(reader.GetDateTime(offset + 5), TimeSpan.Zero),
            NullableString(reader, offset + 6), NullableString(reader, offset + 7), NullableString(reader, offset + 8),
            JournalData.FromJson(NullableString(reader, offset + 9))), reader.GetBoolean(offset + 10));
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
