using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Apis;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host.Security;

/// <summary>Platform-operator routes (creating tenants, node statistics) need the operator key.</summary>
public sealed class OperatorKeyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = context.HttpContext.RequestServices.GetRequiredService<IOptions<PlatformOptions>>().Value.OperatorKey;
        var presented = ApiKeys.BearerToken(context.HttpContext.Request);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
            return Problems.Unauthorized(ApiPhrases.OperatorKeyNeeded.Say());
        return await next(context);
    }
}
