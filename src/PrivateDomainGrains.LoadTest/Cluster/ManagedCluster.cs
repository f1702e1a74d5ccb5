using System.Security.Cryptography;
using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Cluster;

/// <summary>
/// PostgreSQL and N platform nodes that the tool starts for a run and stops after it: one database, one cluster id of the
/// run's own (so earlier runs' membership rows do not matter), an operator key and token-signing key made for the run.
/// Node logs go to <c>node-N.log</c> in the log directory.
/// </summary>
public sealed class ManagedCluster : IAsyncDisposable
{
    private readonly NodeProcess[] _nodes;

    private ManagedCluster(PostgresServer postgres, string database, NodeProcess[] nodes, string operatorKey)
    {
        Postgres = postgres;
        Database = database;
        _nodes = nodes;
        OperatorKey = operatorKey;
    }

    public PostgresServer Postgres { get; }

    public string Database { get; }

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public string OperatorKey { get; }

    public string ConnectionString => Postgres.ConnectionString(Database);

    /// <exception cref="InvalidOperationException">The repository, the built host or PostgreSQL could not be found or started.</exception>
    public static async Task<ManagedCluster> StartAsync(ManagedClusterOptions options, string logDirectory, TextWriter log, CancellationToken ct)
    {
        var layout = RepositoryLayout.Find();
        var hostDll = Path.GetFullPath(options.HostDll ?? layout.DefaultHostDll);
        if (!File.Exists(hostDll))
            throw new InvalidOperationException($"{hostDll} does not exist: build it first (dotnet build src/PrivateDomainGrains.Host -c Release) or pass --host-dll");
        var postgres = new PostgresServer(layout.PostgresScript, options.PostgresDataDirectory ?? layout.DefaultPostgresData, options.PostgresPort);
        log.WriteLine($"starting PostgreSQL on 127.0.0.1:{options.PostgresPort}");
        await postgres.StartAsync(options.Database, ct);

        var operatorKey = "lt-operator-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string[] settings =
        [
            $"--ConnectionStrings:Platform={postgres.ConnectionString(options.Database)}",
            $"--Platform:OperatorKey={operatorKey}",
            $"--Platform:TokenSigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--Orleans:ClusterId=loadtest-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}",
            // Warnings and errors only: request logs of a load test would fill the disk and tell nothing. Membership
            // changes (a silo suspected, voted on, declared dead) and the console nodes' reaction to them are kept: a
            // few lines per fault that say when the cluster noticed it.
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans.Runtime.MembershipService=Information",
            "--Logging:LogLevel:PrivateDomainGrains.Host.Hubs.ConsoleNode=Information",
        ];
        Directory.CreateDirectory(logDirectory);
        var nodes = options.Nodes
            .Select((ports, i) => new NodeProcess(i, ports, hostDll, settings, Path.Combine(logDirectory, $"node-{i}.log")))
            .ToArray();
        var cluster = new ManagedCluster(postgres, options.Database, nodes, operatorKey);
        try
        {
            log.WriteLine($"starting {nodes.Length} nodes: {string.Join(", ", nodes.Select(n => n.Url))} (logs in {logDirectory})");
            await Task.WhenAll(nodes.Select(n => n.StartAsync(ct)));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every node gracefully (SIGTERM), leaving PostgreSQL running.</summary>
    public Task StopNodesAsync() => Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));

    /// <summary>Stops every node gracefully, then PostgreSQL.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopNodesAsync();
        await Postgres.StopAsync(CancellationToken.None);
    }
}
