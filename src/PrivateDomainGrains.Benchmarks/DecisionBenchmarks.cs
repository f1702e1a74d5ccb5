using BenchmarkDotNet.Attributes;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Benchmarks;

/// <summary>
/// One inbound message decided against a large tenant (200 rules, 5,000 keywords, caps, quiet hours, an SOP),
/// on a customer with history, with a propensity model and Thompson sampling. Each invocation is a new event id;
/// held nudges and touches are cleared after it so every invocation faces the same contact history.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 4, 0, 0, TimeSpan.Zero);
    private CompiledPlaybook _playbook = CompiledPlaybook.Default;
    private CustomerProfile _customer = new();
    private string _text = "";
    private long _sequence;
    private PropensityModel _model = new();
    private SeededRandom _random = new(1);

    [GlobalSetup]
    public void Setup()
    {
        _playbook = CompiledPlaybook.Compile(TenantCorpus.Playbook(rules: 200, keywords: 5_000));
        _customer = new CustomerProfile { CustomerId = "c1", OwnerStaffId = "s1", DisplayName = "Lin" };
        _customer.Engine.SetField("birthday", "1990-05-05");
        var at = Now.AddDays(-30);
        for (var i = 0; i < 20; i++)
        {
            at = at.AddHours(30);
            var type = i % 3 == 0 ? EventTypes.MessageSent : EventTypes.MessageReceived;
            DecisionEngine.Decide(_playbook, _customer, EngineInput.FromEvent(new CustomerEvent($"h{i}", "c1", type, at, "wecom", "s1", "hello 油皮", null)), new DecisionContext(at));
        }
        foreach (var rule in _playbook.Rules)
            for (var k = 0; k < 20; k++) _model.Record(rule.Id, "Prospect", k % 3 == 0 ? NudgeOutcome.Acted : NudgeOutcome.Ignored);
        _text = TenantCorpus.Message();
    }

    [Benchmark(Description = "decide one inbound message: 200 rules + 5,000 keywords")]
    public int DecideMessage()
    {
        var e = new CustomerEvent("bench-" + ++_sequence, "c1", EventTypes.MessageReceived, Now, "wecom", "s1", _text, null);
        var decision = DecisionEngine.Decide(_playbook, _customer, EngineInput.FromEvent(e),
            new DecisionContext(Now) { Model = _model, Random = _random, OwnerOpenNudges = 3 });
        _customer.Engine.Held?.Clear();
        _customer.Engine.Touches?.Clear();
        return decision.Candidates.Count;
    }
}
