using Orleans.Dashboard;

namespace PrivateDomainGrains.Host.Hosting;

public static class DashboardHostingExtensions
{
    public const string Path = "/dashboard";
    public const string EnabledKey = "Dashboard:Enabled";

    /// <summary>
    /// Whether this node serves the Orleans dashboard (<c>Dashboard:Enabled</c>, off unless set to true): its silo side
    /// cost about 40 % more host CPU per event at load (README, "Running in production"), so it is turned on while
    /// someone needs it, every node of the cluster alike.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, false);

    /// <summary>
    /// The Orleans dashboard's silo side (grain and silo statistics, reminders; it profiles grain calls only while
    /// someone has the page open, and stops a minute after). Called from <c>AddPlatformSilo</c>.
    /// </summary>
    public static ISiloBuilder AddPlatformDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        IsEnabled(configuration) ? silo.AddDashboard() : silo;

    /// <summary>The dashboard's page and its data under <see cref="Path"/>, for the operator only (<see cref="OperatorAuthentication"/>).</summary>
    public static WebApplication MapPlatformDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration)) app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(OperatorAuthentication.Policy);
        return app;
    }
}
