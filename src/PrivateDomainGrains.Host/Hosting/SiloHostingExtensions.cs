using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using PrivateDomainGrains.Grains;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Host.Telemetry;

namespace PrivateDomainGrains.Host.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Co-hosts the Orleans silo: ADO.NET clustering, grain storage and reminders (<c>AddPlatformStorage</c>), all on
    /// PostgreSQL, what the grains need per silo (<c>AddPlatformGrains</c>), trace propagation across grain calls
    /// (with a <c>Telemetry:TraceSampleRatio</c> above 0) and the Orleans dashboard's silo side (with <c>Dashboard:Enabled</c>).
    /// Failure detection follows <see cref="MembershipOptions"/> ("Orleans:Membership").
    /// </summary>
    public static WebApplicationBuilder AddPlatformSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.Services.AddOptions<MembershipOptions>().BindConfiguration(MembershipOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = PersistenceHostingExtensions.PlatformConnectionString(builder.Configuration);

        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = silo.ClusterId;
                o.ServiceId = silo.ServiceId;
            });
            orleans.Services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<MembershipOptions>>((o, membership) => membership.Value.ApplyTo(o));
            orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
            orleans.UseAdoNetClustering(o =>
            {
                o.Invariant = PlatformStorageSiloBuilderExtensions.Invariant;
                o.ConnectionString = connectionString;
            });
            orleans.AddPlatformStorage(connectionString);
            // A grain whose storage failed (PostgreSQL down or restarting) answers its caller on another silo with the
            // Npgsql exception; Orleans serializes only exceptions of the namespaces it is told of, and an unknown one
            // reaches the caller as a codec error, a 500, where TransientFailures would have answered 503 and Retry-After.
            orleans.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
            orleans.AddPlatformGrains();
            // Trace context rides along grain calls (the traceparent in the request context), so a trace follows an
            // event from HTTP through its grains to the console push.
            if (TelemetryOptions.From(builder.Configuration).PropagatesTraces) orleans.AddActivityPropagation();
            orleans.AddPlatformDashboard(builder.Configuration);
        });
        return builder;
    }
}
