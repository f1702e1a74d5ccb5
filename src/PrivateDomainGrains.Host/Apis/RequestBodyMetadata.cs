namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Endpoint metadata: the route reads a body of <see cref="Type"/> as <see cref="ContentType"/> itself (JSON through
/// <see cref="JsonBody"/>). Unlike <c>Accepts&lt;T&gt;</c> it adds no content-type matching to routing (that would answer
/// 415 to a body sent as text/plain, which these routes read whatever the header says); it only tells the document.
/// </summary>
public sealed record RequestBodyMetadata(Type Type, string ContentType);

public static class RequestBodyExtensions
{
    /// <summary>Declares the JSON body the route reads with <see cref="JsonBody"/>, and the 400 and 413 that reading can answer.</summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(T), "application/json"))
            .WithProblem(StatusCodes.Status400BadRequest, "The body is not JSON of this shape, or a field is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes");
}
