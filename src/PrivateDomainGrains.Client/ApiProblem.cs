namespace PrivateDomainGrains.Client;

/// <summary>
/// An RFC 9457 problem, as every error of the API is answered (<c>application/problem+json</c>). A 400 that checks several
/// fields at once lists them in <see cref="Errors"/>: keyed by field (<c>corpId</c>), JSON path (<c>$.rules[0].trigger</c>) or
/// event (<c>events[3].at</c>).
/// </summary>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, string? Instance,
    IReadOnlyDictionary<string, string[]>? Errors = null);
