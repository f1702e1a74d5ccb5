using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Telemetry;

/// <summary>OpenTelemetry metrics and traces ("Telemetry" section), validated at start-up.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Off: no meter or trace listener, no <c>/metrics</c>, no trace context across grain calls (the baseline of
    /// the overhead measurement).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>/metrics</c> (Prometheus text format) answers only with the operator key, as a bearer token (Prometheus'
    /// <c>authorization</c> setting) or as the password of basic authentication. Turn off only where the port is reachable
    /// from the scraper alone (a NetworkPolicy, a private interface): the series name tenants and their volumes.
    /// </summary>
    public bool MetricsRequireOperatorKey { get; set; } = true;

    /// <summary>OTLP collector (e.g. <c>http://otel-collector:4317</c>); metrics (and traces, with a <see cref="TraceSampleRatio"/>)
    /// are exported to it when set. Unset, the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is used; neither set: no
    /// OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318, paths <c>/v1/traces</c> and <c>/v1/metrics</c>).</summary>
    [RegularExpression("^(Grpc|HttpProtobuf)$")] public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>
    /// Share of traces recorded where no caller decided (a sampled <c>traceparent</c> from a caller is always followed).
    /// 0, the default, records no traces and carries no trace context across grain calls: deciding sampling downstream
    /// needs a context for every grain call, sampled or not, which cost about 20 % more host CPU per event at load
    /// (README, "Running in production"); turn traces on for an investigation, or on a canary node.
    /// </summary>
    [Range(0.0, 1.0)] public double TraceSampleRatio { get; set; }

    /// <summary>How often metrics are pushed to the OTLP collector.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    public static TelemetryOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint)) options.OtlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        return options;
    }

    public bool ExportsOtlp => Enabled && !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>Trace context crosses grain calls (for a collector, or for a listener in the same process such as a test's).</summary>
    public bool PropagatesTraces => Enabled && TraceSampleRatio > 0;

    /// <summary>Traces are recorded and exported over OTLP.</summary>
    public bool ExportsTraces => ExportsOtlp && TraceSampleRatio > 0;
}
