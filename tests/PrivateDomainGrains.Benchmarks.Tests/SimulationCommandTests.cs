using PrivateDomainGrains.Benchmarks.Simulation;

namespace PrivateDomainGrains.Benchmarks.Tests;

/// <summary>The simulator's command line refuses what it cannot run with exit code 2 and a message, before simulating anything.</summary>
public sealed class SimulationCommandTests
{
    [Theory]
    [InlineData("--policies", "1")]
    [InlineData("--policies", ",")]
    [InlineData("--rest-after", "51")]
    [InlineData("--threads", "0")]
    [InlineData("--model-refresh", "0s")]
    [InlineData("--model-refresh", "soon")]
    [InlineData("--weeks", "521")]
    [InlineData("--customers", "1000001")]
    [InlineData("--customers", "2000000000")]
    [InlineData("--customers", "999999999999")]
    [InlineData("--seeds", "101")]
    [InlineData("--parallel", "65")]
    [InlineData("--threads", "257")]
    [InlineData("--customers-per-staff", "1000001")]
    [InlineData("--join-weeks", "100")]
    [InlineData("--first-seed", "2147483647")]
    [InlineData("--out", "/proc/pdg-simulation-out")]
    public void An_option_the_simulator_cannot_honour_is_refused_before_any_run(string option, string value) =>
        Assert.Equal(2, SimulationCommand.Run(["--customers", "10", "--weeks", "2", "--join-weeks", "1", "--seeds", "2", option, value]));
}
