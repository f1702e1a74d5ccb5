using BenchmarkDotNet.Attributes;
using PrivateDomainGrains.Core.Keywords;

namespace PrivateDomainGrains.Benchmarks;

[MemoryDiagnoser]
public class KeywordBenchmarks
{
    private KeywordMatcher _matcher = KeywordMatcher.Empty;
    private string _message = "";

    [GlobalSetup]
    public void Setup()
    {
        _matcher = new KeywordMatcher(TenantCorpus.Keywords(5_000).Select(k => new KeywordRule(k.Keyword, k.Tag)));
        _message = TenantCorpus.Message();
    }

    [Benchmark(Description = "keyword tagging: 500-char message x 5,000 keywords")]
    public int Match500Chars5000Keywords() => _matcher.Match(_message).Count;
}
