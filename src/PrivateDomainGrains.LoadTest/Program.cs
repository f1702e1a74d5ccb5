using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Cluster;
using PrivateDomainGrains.LoadTest.InProcess;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Reports;
using PrivateDomainGrains.LoadTest.Run;

using var cancel = new CancellationTokenSource();
// Ctrl+C stops sending but still drains and reports what was measured.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var options = OptionParser.Parse(args, DateTimeOffset.UtcNow, Environment.GetEnvironmentVariable);
    if (options is null)
    {
        Console.WriteLine(Usage.Text);
        return 0;
    }
    await using var node = options.InProcessConnectionString is { } pg ? await InProcessPlatform.StartAsync(pg, cancel.Token) : null;
    if (node is not null)
    {
        options = options with { Targets = [node.Url], OperatorKey = node.OperatorKey };
        Console.WriteLine($"in-process node listening on {node.Url}");
    }
    // Started before the run and stopped after it, whatever happens; its node logs go next to the report.
    await using var cluster = options.Cluster is { } c ? await ManagedCluster.StartAsync(c, options.OutputDirectory, Console.Out, cancel.Token) : null;
    if (cluster is not null) options = options with { OperatorKey = cluster.OperatorKey };
    var report = options.Soak is not null
        ? await new SoakRun(options, Console.Out, cluster).RunAsync(cancel.Token)
        : await new LoadTestRun(options, Console.Out, cluster).RunAsync(cancel.Token);
    Console.WriteLine();
    Console.Write(TextReportWriter.Write(report));
    foreach (var file in ReportFiles.Write(report, options.OutputDirectory)) Console.WriteLine($"wrote {file}");
    return 0;
}
catch (OptionsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("run with --help to see the options");
    return 2;
}
catch (Exception e) when (e is NotSupportedException or InvalidOperationException or TimeoutException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 3;
}
catch (Exception e) when (e is PlatformApiException or System.Text.Json.JsonException or HttpRequestException or TaskCanceledException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
