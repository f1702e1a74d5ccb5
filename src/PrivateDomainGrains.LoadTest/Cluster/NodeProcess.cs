using System.Diagnostics;
using System.Runtime.InteropServices;
using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Cluster;

/// <summary>
/// One platform node as its own OS process (<c>dotnet PrivateDomainGrains.Host.dll</c> with the settings deploy/run.sh
/// gives), so it can be killed like a crashed server. Its output is appended to <paramref name="logPath"/> across restarts.
/// </summary>
public sealed class NodeProcess(int index, NodePorts ports, string hostDll, IReadOnlyList<string> settings, string logPath) : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly Lock _log = new();
    private Process? _process;
    private StreamWriter? _writer;

    public Uri Url { get; } = new($"http://127.0.0.1:{ports.Http}/");

    /// <summary>host:port, as consoles and faults name the node in the report.</summary>
    public string Name => Url.Authority;

    private bool Running => _process is { HasExited: false };

    /// <summary>Starts the process and returns once <c>/health</c> answers 200 (the silo has joined and PostgreSQL is reachable).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (Running) throw new InvalidOperationException($"{Name} is already running");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var s in settings) start.ArgumentList.Add(s);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{ports.Http}");
        start.ArgumentList.Add($"--Orleans:SiloPort={ports.Silo}");
        start.ArgumentList.Add($"--Orleans:GatewayPort={ports.Gateway}");
        lock (_log) _writer ??= new StreamWriter(logPath, append: true) { AutoFlush = true };
        Write($"---- {DateTimeOffset.UtcNow:O} starting node {index}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"could not start dotnet {hostDll}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilHealthyAsync(process, ct);
    }

    /// <summary>
    /// SIGKILL: the process gets no chance to shut down, as in a crash or an OOM kill. Returns once it has exited. Only the
    /// process itself (the host starts no children): killing "the entire tree" first freezes it with SIGSTOP and reads
    /// every process of the machine to find children, which on a busy machine kept the node frozen but connectable for
    /// about a second, a slow node rather than a crash, before the SIGKILL.
    /// </summary>
    public async Task KillAsync()
    {
        if (_process is not { } p) return;
        Write($"---- {DateTimeOffset.UtcNow:O} kill -9");
        p.Kill();
        await p.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM, as a service manager or Kubernetes stops a node: the host shuts down gracefully. Returns once it has exited;
    /// after <paramref name="timeout"/> it is killed.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } p) return;
        Write($"---- {DateTimeOffset.UtcNow:O} SIGTERM");
        if (Kill(p.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {p.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Write($"---- {DateTimeOffset.UtcNow:O} still running {timeout.TotalSeconds:0} s after SIGTERM: kill -9");
            await KillAsync();
        }
    }

    /// <summary>Stops the node gracefully if it still runs and closes its log.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30));
        _process?.Dispose();
        _process = null;
        lock (_log)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private async Task WaitUntilHealthyAsync(Process process, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"node {index} exited with {process.ExitCode} while starting; see {logPath}");
            try
            {
                using var response = await http.GetAsync("health", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Too busy starting to answer within the timeout.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"node {index} was not healthy within {ReadyTimeout.TotalSeconds:0} s; see {logPath}");
            await Task.Delay(200, ct);
        }
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_log) _writer?.WriteLine(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
