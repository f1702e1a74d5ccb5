using System.Diagnostics;
using Npgsql;

namespace PrivateDomainGrains.LoadTest.Cluster;

/// <summary>
/// A PostgreSQL server of the tool's own, started, stopped and restarted through <c>deploy/postgres.sh</c> (which installs
/// it if missing, runs it as the unprivileged postgres user and binds it to 127.0.0.1).
/// </summary>
public sealed class PostgresServer(string script, string dataDirectory, int port)
{
    /// <summary>Its data directory (<c>postmaster.pid</c> there names the running server's postmaster).</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>Connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Password = "postgres", Database = database }.ConnectionString;

    /// <summary>Starts it (initialising the data directory the first time) and creates <paramref name="database"/> if it is missing.</summary>
    public async Task StartAsync(string database, CancellationToken ct)
    {
        await StartAsync(ct);
        await RunAsync(ct, "createdb", port.ToString(System.Globalization.CultureInfo.InvariantCulture), database);
    }

    /// <summary>Starts it and returns once it accepts connections.</summary>
    public Task StartAsync(CancellationToken ct) =>
        RunAsync(ct, "start", dataDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Fast shutdown: open sessions are cut, nothing committed is lost.</summary>
    public Task StopAsync(CancellationToken ct) => RunAsync(ct, "stop", dataDirectory);

    private async Task RunAsync(CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}".Trim());
    }
}
