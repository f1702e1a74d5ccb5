namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>The loopback ports of one node the tool starts.</summary>
public sealed record NodePorts(int Http, int Silo, int Gateway);

/// <summary>
/// A platform the tool starts and stops itself: PostgreSQL through <c>deploy/postgres.sh</c> (its own data directory and
/// port) and one host process per entry of <see cref="Nodes"/>, all on one database, as <c>deploy/run.sh</c> starts one.
/// </summary>
/// <param name="HostDll">The built host; null: <c>src/PrivateDomainGrains.Host/bin/Release/net10.0/PrivateDomainGrains.Host.dll</c> of the repository.</param>
/// <param name="PostgresDataDirectory">null: <c>.data/loadtest-pg</c> of the repository.</param>
public sealed record ManagedClusterOptions(
    IReadOnlyList<NodePorts> Nodes,
    string? HostDll,
    string? PostgresDataDirectory,
    int PostgresPort,
    string Database);
