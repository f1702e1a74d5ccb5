using System.Diagnostics.Metrics;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// <c>pdg_wecom_callbacks</c>: callbacks answered, by <c>outcome</c> (the <see cref="WeComOutcome"/> names, or why one was
/// refused: bad-request, bad-signature, stale, replay, wrong-corp, not-configured, unavailable) and <c>tenant</c> (only
/// for tenants with WeCom settings: anyone can call a callback URL, and made-up tenant ids must not grow the series).
/// A rise in refusals or unknown-staff is what an operator alerts on.
/// </summary>
public sealed class WeComMetrics
{
    public const string MeterName = "PrivateDomainGrains.WeCom";

    private readonly Counter<long> _callbacks;

    public WeComMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _callbacks = meter.CreateCounter<long>("pdg_wecom_callbacks", "{callback}", "WeCom callbacks answered, by outcome");
    }

    public void Answered(string? configuredTenant, string outcome) =>
        _callbacks.Add(1, new KeyValuePair<string, object?>("tenant", configuredTenant ?? "(none)"), new KeyValuePair<string, object?>("outcome", outcome));
}
