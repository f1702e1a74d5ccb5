using Microsoft.AspNetCore.SignalR;

namespace PrivateDomainGrains.Host.Hubs;

public static class ConsoleHostingExtensions
{
    /// <summary>SignalR (its calls refused while the node stops), this node's nudge observer and its subscription upkeep.</summary>
    public static WebApplicationBuilder AddConsolePush(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConsoleCallsRefusedWhileStopping>();
        builder.Services.AddSignalR(o => o.AddFilter<ConsoleCallsRefusedWhileStopping>());
        builder.Services.AddSingleton<ConsoleMetrics>();
        builder.Services.AddSingleton<CampaignNames>();
        builder.Services.AddSingleton<ConsoleConnections>();
        builder.Services.AddSingleton<ExecutionWatchers>();
        builder.Services.AddSingleton<NodeNudgeObserver>();
        builder.Services.AddSingleton<ConsoleNode>();
        builder.Services.AddSingleton<NudgeActions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConsoleNode>());
        return builder;
    }

    /// <summary>The console hub at <see cref="ConsoleHub.Path"/>, refused while the node stops (<see cref="ConsolesRefusedWhileStopping"/>).</summary>
    public static WebApplication MapConsoleHub(this WebApplication app)
    {
        app.RefuseConsolesWhileStopping();
        app.MapHub<ConsoleHub>(ConsoleHub.Path);
        return app;
    }
}
