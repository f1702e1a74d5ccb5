using Npgsql;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// Failures a retry of the same request can cure: PostgreSQL unreachable or restarting, a silo lost or not yet
/// replaced, this node stopping, a wait inside the cluster that gave up. Anything else is deterministic (a retry fails
/// the same way) and is not one of these.
/// </summary>
public static class TransientFailures
{
    public static bool Is(Exception exception) => exception switch
    {
        AggregateException a => a.InnerExceptions.All(Is),
        PostgresException pg => IsTransient(SqlStateOf(pg)),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException,
        OrleansMessageRejectionException or SiloUnavailableException or ClientNotAvailableException or TimeoutException => true,
        // Group commit and the dispatcher refuse new work once the node is stopping.
        ObjectDisposedException => true,
        // A wait inside the cluster gave up: typically Orleans' activation timeout (30 s) when the grain directory did not
        // answer while membership changed after a silo was lost. A request its own client abandoned never gets here:
        // ASP.NET Core's exception handler answers that one 499 before asking the handlers.
        OperationCanceledException => true,
        _ => exception.InnerException is { } inner && Is(inner),
    };

    /// <summary>
    /// The exception's SQLSTATE. A PostgresException that came back from a grain call was copied by Orleans' exception
    /// codec, which keeps the message but not Npgsql's own fields; Npgsql writes the message as "{SqlState}: {text}".
    /// </summary>
    private static string SqlStateOf(PostgresException pg) =>
        pg.SqlState ?? (pg.Message is { Length: > 6 } m && m[5] == ':' ? m[..5] : "");

    /// <summary>Connection exceptions (08), shutdown and "cannot connect now" (57P0x), resources (53), serialisation and deadlock (40).</summary>
    private static bool IsTransient(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal) || state is "40001" or "40P01";
}
