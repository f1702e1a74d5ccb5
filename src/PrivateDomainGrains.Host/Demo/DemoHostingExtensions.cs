namespace PrivateDomainGrains.Host.Demo;

public static class DemoHostingExtensions
{
    public static WebApplicationBuilder AddDemoTenant(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:Enabled")) builder.Services.AddHostedService<DemoTenantSeeder>();
        return builder;
    }
}
