namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Endpoint metadata: the route reads a JSON body of <see cref="Type"/> itself (<see cref="JsonBody"/>). Unlike
/// <c>Accepts&lt;T&gt;</c> it adds no content-type matching to routing (that would answer 415 to a body sent as
/// text/plain, which these routes read as JSON whatever the header says); it only tells the document.
/// </summary>
public sealed record JsonBodyMetadata(Type Type);

public static class JsonBodyExtensions
{
    /// <summary>Declares the JSON body the route reads with <see cref="JsonBody"/>, and the 400 and 413 that reading can answer.</summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new JsonBodyMetadata(typeof(T)))
            .WithProblem(StatusCodes.Status400BadRequest, "The body is not JSON of this shape, or a field is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes");
}
