using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Core.Segments;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// A whole number a route takes (a query or route parameter, a property of its JSON body) declares its range, so that a
/// value that does not bind (<c>?limit=abc</c>, <c>{"days":1.5}</c>) is told the route's range rather than its type's
/// (-2147483648 to 2147483647); the rows of <see cref="RefusedFields"/> read a few of them.
/// </summary>
public sealed partial class ServerLanguageTests
{
    [Fact]
    public void Every_whole_number_a_route_takes_declares_its_range()
    {
        var endpoints = platform.Node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var parameters = from e in endpoints
                         let handler = e.Metadata.GetMetadata<MethodInfo>()
                         where handler is not null
                         from p in handler.GetParameters()
                         where IsWhole(p.ParameterType) && p.GetCustomAttribute<RangeAttribute>() is null
                         select $"{e.RoutePattern.RawText} {p.Name}";
        var bodies = endpoints.SelectMany(e => e.Metadata.GetOrderedMetadata<RequestBodyMetadata>())
            .Where(b => b.ContentType == "application/json").Select(b => b.Type).Distinct();
        var properties = from t in bodies
                         from p in Properties(t, [.. CheckedByTheirValidators])
                         where IsWhole(p.Property.PropertyType) && !Declares(p.Property)
                         select $"{t.Name}.{p.Path}";

        var missing = parameters.Concat(properties).ToList();
        Assert.True(missing.Count == 0, "Whole numbers without a [Range]:\n" + string.Join('\n', missing));
        Assert.Contains(endpoints, e => e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Any(p => p.GetCustomAttribute<RangeAttribute>() is not null) == true);
    }

    /// <summary>
    /// A segment filter's whole numbers: its validator names each one's range, a whole number or not (1.5), by its path,
    /// as one class (<see cref="CountRange"/>) bounds RFM scores (0-5) and open nudges alike and no attribute can say both.
    /// </summary>
    private static readonly Type[] CheckedByTheirValidators = [typeof(SegmentFilter)];

    private static bool IsWhole(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(short));

    /// <summary>A body's property declares its range on itself or, in a positional record, on its constructor's parameter.</summary>
    private static bool Declares(PropertyInfo property) =>
        property.GetCustomAttribute<RangeAttribute>() is not null
        || property.DeclaringType!.GetConstructors().SelectMany(c => c.GetParameters())
            .Any(p => p.Name == property.Name && p.GetCustomAttribute<RangeAttribute>() is not null);

    /// <summary>The properties of a body type and of the platform's types inside it (items of lists too), by path.</summary>
    private static IEnumerable<(string Path, PropertyInfo Property)> Properties(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type)) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            yield return (property.Name, property);
            var inner = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments().Last() : property.PropertyType;
            if (inner.Namespace?.StartsWith("PrivateDomainGrains", StringComparison.Ordinal) == true && inner.IsClass)
                foreach (var (path, nested) in Properties(inner, seen)) yield return ($"{property.Name}.{path}", nested);
        }
    }
}
