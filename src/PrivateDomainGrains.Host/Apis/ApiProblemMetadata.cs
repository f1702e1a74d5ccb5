namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Endpoint metadata: the route can answer <see cref="Status"/> with a ProblemDetails, for the reason given. The
/// document lists every such status once, its reasons joined; 429 and 503 (with <c>Retry-After</c>) are on every route.
/// </summary>
public sealed record ApiProblemMetadata(int Status, string Reason);

public static class ApiProblemExtensions
{
    /// <summary>Declares a ProblemDetails answer of the route (or of every route in a group) and when it is given.</summary>
    public static TBuilder WithProblem<TBuilder>(this TBuilder builder, int status, string reason) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiProblemMetadata(status, reason));
}
