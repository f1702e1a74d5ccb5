using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Run;

namespace PrivateDomainGrains.LoadTest.Tests.Run;

public sealed class LoadTestRunTests
{
    [Fact]
    public async Task Handover_refuses_clearly_instead_of_pretending()
    {
        // Port 9 (discard) on loopback: if the run tried the network first, this would fail differently.
        var options = OptionParser.Parse(["--preset", "handover", "--targets", "http://127.0.0.1:9"], DateTimeOffset.UtcNow, _ => null)!;
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => new LoadTestRun(options, TextWriter.Null).RunAsync(CancellationToken.None));
        Assert.StartsWith("handover API not available yet", error.Message);
    }
}
