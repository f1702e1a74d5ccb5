using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using PrivateDomainGrains.Host;
using PrivateDomainGrains.LoadTest.Cluster;

namespace PrivateDomainGrains.LoadTest.InProcess;

/// <summary>
/// One platform node (HTTP API, console hub and Orleans silo) started inside the load-test process, on free
/// loopback ports and a cluster id of its own, so a run or a CI test needs nothing but a PostgreSQL database.
/// The tool still talks to it over HTTP and SignalR, exactly as to a remote node.
/// </summary>
public sealed class InProcessPlatform : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessPlatform(WebApplication app, Uri url, string operatorKey)
    {
        _app = app;
        Url = url;
        OperatorKey = operatorKey;
    }

    public Uri Url { get; }

    public string OperatorKey { get; }

    public static async Task<InProcessPlatform> StartAsync(string connectionString, CancellationToken ct)
    {
        await EnsureDatabaseAsync(connectionString, ct);
        var httpPort = FreePorts.Next();
        var operatorKey = "lt-operator-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string[] args =
        [
            $"--ConnectionStrings:Platform={connectionString}",
            $"--Orleans:SiloPort={FreePorts.Next()}",
            $"--Orleans:GatewayPort={FreePorts.Next()}",
            $"--Orleans:ClusterId=loadtest-{Guid.NewGuid():N}",
            $"--Platform:OperatorKey={operatorKey}",
            $"--Platform:TokenSigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--urls=http://127.0.0.1:{httpPort}",
            // The load tool prints its own progress; the node's request logging would drown it.
            "--Logging:LogLevel:Default=Warning",
        ];
        var app = PlatformApp.Create(args);
        await app.StartAsync(ct);
        return new InProcessPlatform(app, new Uri($"http://127.0.0.1:{httpPort}/"), operatorKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>Creates the connection string's database when it is missing, through the server's maintenance database.</summary>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new ArgumentException("the connection string names no Database");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        var quoted = "\"" + database.Replace("\"", "\"\"") + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created concurrently by another run: that is what we wanted.
        }
    }
}
