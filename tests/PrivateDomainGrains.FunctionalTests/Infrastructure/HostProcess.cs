using System.Collections.Concurrent;
using System.Diagnostics;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>The host as a separate OS process, so a test can kill it the hard way (SIGKILL: no shutdown code runs).</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly NodeSettings _settings;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(Process process, NodeSettings settings)
    {
        _process = process;
        _settings = settings;
    }

    public static HostProcess Start(NodeSettings settings, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(HostAssembly());
        foreach (var arg in settings.Args(extraArgs)) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var host = new HostProcess(process, settings);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) host._output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) host._output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Every line the host wrote to standard output and error so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>
    /// The entries of <paramref name="log"/> (the console logger's simple format: a <c>warn: Category[id]</c> line, then
    /// its message) at one of <paramref name="levels"/> (<c>warn</c>, <c>fail</c>, <c>crit</c>), each with its message, so
    /// a test that finds one says which.
    /// </summary>
    public static List<string> EntriesAt(IReadOnlyList<string> log, params string[] levels) =>
        [.. log.Select((line, i) => (line, i))
            .Where(e => levels.Any(level => e.line.StartsWith(level + ":", StringComparison.Ordinal)))
            .Select(e => e.i + 1 < log.Count ? $"{e.line} {log[e.i + 1].Trim()}" : e.line)];

    /// <summary>
    /// Orleans' timing notes: a lifecycle observer took over a second to stop (<c>StopPerformanceMeasure</c>, 100452; a
    /// customer's snapshot budget alone may), a task ran long on the scheduler (101215), the watchdog's check came late
    /// (100150). Figures of how busy the machine was, not faults of the stop.
    /// </summary>
    public static bool IsTimingNote(string entry) =>
        entry.StartsWith("warn: Orleans.Runtime.SiloLifecycleSubject[100452]", StringComparison.Ordinal)
        || entry.StartsWith("warn: Orleans.Runtime.Scheduler.WorkItemGroup[101215]", StringComparison.Ordinal)
        || entry.StartsWith("warn: Orleans.Runtime.Watchdog[100150]", StringComparison.Ordinal);

    /// <summary>A graceful stop (SIGTERM, as an orchestrator sends), waiting for the process to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Terminate();
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM and returns at once: the host stops on its own from there.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    /// <summary>
    /// Waits for the first line from <paramref name="from"/> on that matches <paramref name="match"/>; null if the process
    /// exits (its output read to the end) or <paramref name="timeout"/> passes without one.
    /// </summary>
    public async Task<string?> WaitForLineAsync(int from, Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var exited = _process.HasExited;
            if (exited) await _process.WaitForExitAsync();
            if (Output.Skip(from).FirstOrDefault(match) is { } line) return line;
            if (exited || DateTime.UtcNow > deadline) return null;
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to exit.</summary>
    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = _settings.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited with code {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The host did not become healthy within 60 s");
    }

    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>The host's build output next to this test's, under the same configuration.</summary>
    private static string HostAssembly()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "PrivateDomainGrains.Host.dll");
        if (File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json"))) return local;
        throw new FileNotFoundException($"PrivateDomainGrains.Host.dll with its runtimeconfig was not found in {AppContext.BaseDirectory}");
    }
}
