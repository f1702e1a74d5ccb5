using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// Which failures a node answers 503 and Retry-After (<see cref="TransientFailures"/>), including PostgreSQL's as they
/// come back from a grain on another silo: copied by Orleans' exception codec, which the silo lets carry Npgsql's types.
/// </summary>
public sealed class TransientFailuresTests
{
    private static Exception AcrossSilos(Exception exception)
    {
        using var services = new ServiceCollection()
            .AddSerializer()
            .Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        return serializer.Deserialize<Exception>(serializer.SerializeToArray(exception))!;
    }

    [Theory]
    [InlineData("57P03", "the database system is shutting down", true)]
    [InlineData("57P01", "terminating connection due to administrator command", true)]
    [InlineData("08006", "connection failure", true)]
    [InlineData("40P01", "deadlock detected", true)]
    [InlineData("23505", "duplicate key value violates unique constraint", false)]
    [InlineData("22P02", "invalid input syntax", false)]
    public void A_postgresql_error_is_transient_by_its_sqlstate_here_and_after_crossing_silos(string state, string text, bool transient)
    {
        var local = new PostgresException(text, "FATAL", "FATAL", state);
        var copied = AcrossSilos(local);

        Assert.IsType<PostgresException>(copied);
        Assert.Equal(transient, TransientFailures.Is(local));
        Assert.Equal(transient, TransientFailures.Is(copied));
    }

    [Fact]
    public void PostgreSQL_unreachable_is_transient_after_crossing_silos_too()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));

        Assert.True(TransientFailures.Is(AcrossSilos(refused)));
    }

    [Fact]
    public void An_activation_the_cluster_gave_up_on_is_transient_after_crossing_silos_too()
    {
        // What Orleans' ActivationData.ActivateAsync throws when its activation timeout cancels the directory registration.
        var abandoned = new TaskCanceledException("A task was canceled.");

        var copied = AcrossSilos(abandoned);

        Assert.IsAssignableFrom<OperationCanceledException>(copied);
        Assert.True(TransientFailures.Is(abandoned));
        Assert.True(TransientFailures.Is(copied));
    }
}
