using System.Text.Json;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Records an administrative action in the tenant's audit log (<see cref="AuditTrail"/>) once it was answered: the
/// credential that opened the route (set by <see cref="TenantKeyFilter"/> as <see cref="ActorItem"/>; on a console route
/// the signed-in staff member, <c>staff:&lt;id&gt;</c>, whose tenant it is), the operation (the
/// route's name, its OpenAPI operationId), the customer and the other ids of the route (never other route values), the status and the caller's
/// address. Requests the key filters refused never get here (they are not actions of the tenant's); request bodies are
/// never recorded (they may hold passwords and secrets).
/// </summary>
public sealed class AuditFilter : IEndpointFilter
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which the key filters name the caller's credential.</summary>
    public const string ActorItem = "pdg.actor";

    /// <summary>The <see cref="HttpContext.Items"/> key under which a handler names the customer a route reached by another form (an identity).</summary>
    public const string CustomerItem = "pdg.customer";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        var action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.Value ?? "";
        var routeValues = http.Request.RouteValues;
        // Ids only (staffId, handoverId, eventId): a route value such as an identity's value may be personal data, and the
        // log is append-only, out of reach of an erasure.
        var others = routeValues.Where(v => v.Key is not "customerId" && v.Key.EndsWith("Id", StringComparison.Ordinal) && v.Value is string)
            .ToDictionary(v => v.Key, v => (string)v.Value!, StringComparer.Ordinal);
        // Handlers answer a Results<...> union: its status is the status of the result it holds.
        var answered = result is INestedHttpResult nested ? nested.Result : result;
        var status = answered is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        // A console route names no tenant and no key: the signed-in staff member is both.
        var consoleUser = ConsoleUser.From(http.User);
        await http.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(
            routeValues["tenant"] as string ?? consoleUser?.Tenant ?? "",
            http.Items[ActorItem] as string ?? (consoleUser is null ? "unknown" : $"staff:{consoleUser.StaffId}"), action,
            routeValues["customerId"] as string ?? http.Items[CustomerItem] as string,
            others.Count > 0 ? JsonSerializer.Serialize(others) : null, status, http.Connection.RemoteIpAddress?.ToString()));
        return result;
    }
}

public static class AuditFilterExtensions
{
    /// <summary>Records each answered call of the route in the audit log, under the route's name.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AuditFilter());
}
