namespace PrivateDomainGrains.LoadTest.Cluster;

/// <summary>
/// Where the repository's scripts and the built host are: the first directory, from the working directory and then from
/// the tool's own, that holds <c>deploy/postgres.sh</c>. The tool runs from a checkout (dotnet run, or its test).
/// </summary>
public sealed record RepositoryLayout(string Root)
{
    public string PostgresScript => Path.Combine(Root, "deploy", "postgres.sh");

    public string DefaultHostDll => Path.Combine(Root, "src", "PrivateDomainGrains.Host", "bin", "Release", "net10.0", "PrivateDomainGrains.Host.dll");

    public string DefaultPostgresData => Path.Combine(Root, ".data", "loadtest-pg");

    /// <exception cref="InvalidOperationException">No checkout holds the current or the tool's directory.</exception>
    public static RepositoryLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "deploy", "postgres.sh"))) return new RepositoryLayout(dir.FullName);
            }
        }
        throw new InvalidOperationException("starting a cluster needs the repository's deploy/postgres.sh: run the tool from inside the checkout");
    }
}
