// Run from the repository root: dotnet run -c Release --project src/PrivateDomainGrains.Benchmarks -- --filter '*'
// Retained memory per customer: dotnet run -c Release --project src/PrivateDomainGrains.Benchmarks -- --footprint [customers]
// Decision simulator: dotnet run -c Release --project src/PrivateDomainGrains.Benchmarks -- --simulate [options] (--simulate --help)
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using PrivateDomainGrains.Benchmarks;
using PrivateDomainGrains.Benchmarks.Simulation;

if (args is ["--footprint", ..])
{
    CustomerFootprint.Run(args.Length > 1 ? int.Parse(args[1]) : 100_000);
    return;
}

if (args is ["--simulate", ..])
{
    Environment.ExitCode = SimulationCommand.Run(args[1..]);
    return;
}

// A short job keeps a full run to a few minutes on a 2-core machine; medians are stable enough for microsecond targets.
// The GC is pinned to .NET's default (workstation, concurrent), as a host's benchmarks ran before: this project's own
// setting (server GC) is the simulator's.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithGcServer(false).WithGcConcurrent(true))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
