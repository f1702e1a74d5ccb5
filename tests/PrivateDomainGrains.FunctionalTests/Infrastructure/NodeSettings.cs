using PrivateDomainGrains.LoadTest.Cluster;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>Everything one platform node needs, as command-line configuration; nodes of one cluster share the database and keys.</summary>
public sealed record NodeSettings(string ConnectionString, int HttpPort, int SiloPort, int GatewayPort, string ClusterId)
{
    public const string OperatorKey = "test-operator-key-0123456789";
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static NodeSettings Fresh(string connectionString, string clusterId) =>
        new(connectionString, FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), clusterId);

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public string[] Args(params string[] extra) =>
    [
        // Not Production (.NET's default): its settings file turns logs into JSON lines, unreadable in test output.
        "--environment", "Test",
        "--urls", BaseAddress.ToString().TrimEnd('/'),
        "--ConnectionStrings:Platform", ConnectionString,
        "--Orleans:SiloPort", SiloPort.ToString(),
        "--Orleans:GatewayPort", GatewayPort.ToString(),
        "--Orleans:ClusterId", ClusterId,
        "--Platform:OperatorKey", OperatorKey,
        "--Platform:TokenSigningKey", SigningKey,
        "--Logging:LogLevel:Default", "Warning",
        .. extra,
    ];
}
