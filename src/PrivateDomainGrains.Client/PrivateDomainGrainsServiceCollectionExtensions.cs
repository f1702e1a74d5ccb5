using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.Client.Http;
using Polly;

// In the DI namespace, as Microsoft's own AddX methods are, so that it is found where services are added.
namespace Microsoft.Extensions.DependencyInjection;

public static class PrivateDomainGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PrivateDomainGrainsClient"/> as a typed <see cref="HttpClient"/> client with the platform's
    /// retry strategy (<see cref="PrivateDomainGrainsClientOptions.MaxRetries"/>: 429 always, transient failures of
    /// idempotent requests, waiting <c>Retry-After</c>). Options are validated when the client is first resolved.
    /// </summary>
    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddPrivateDomainGrainsClient(this IServiceCollection services, Action<PrivateDomainGrainsClientOptions> configure)
    {
        services.AddOptions<PrivateDomainGrainsClientOptions>().Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "PrivateDomainGrains client: BaseAddress must be an absolute URL")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "PrivateDomainGrains client: MaxRetries must be 0-10");
        var builder = services
            .AddHttpClient(nameof(PrivateDomainGrainsClient), (sp, http) => http.BaseAddress = Options(sp).BaseAddress)
            .AddTypedClient((http, sp) => new PrivateDomainGrainsClient(http, Options(sp)));
        builder.AddResilienceHandler("PrivateDomainGrains", (pipeline, context) =>
        {
            var maxRetries = Options(context.ServiceProvider).MaxRetries;
            if (maxRetries > 0) pipeline.AddRetry(PlatformRetry.Strategy(maxRetries));
        });
        return builder;
    }

    private static PrivateDomainGrainsClientOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PrivateDomainGrainsClientOptions>>().Value;
}
