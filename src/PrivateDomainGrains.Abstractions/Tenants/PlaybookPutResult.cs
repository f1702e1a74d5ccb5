namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>Either the version a PUT stored, or every reason it was refused (nothing is stored then).</summary>
[GenerateSerializer, Immutable, Alias("pdg.PlaybookPutResult")]
public sealed record PlaybookPutResult(
    [property: Id(0)] int? Version,
    [property: Id(1)] PlaybookValidationError[] Errors)
{
    public bool Accepted => Version is not null;

    public static PlaybookPutResult Stored(int version) => new(version, []);

    public static PlaybookPutResult Refused(PlaybookValidationError[] errors) => new(null, errors);
}

/// <summary>One problem in a refused playbook, located by JSON path (e.g. <c>$.rules[3].actions[0].title</c>).</summary>
[GenerateSerializer, Immutable, Alias("pdg.PlaybookValidationError")]
public sealed record PlaybookValidationError(
    [property: Id(0)] string Path,
    [property: Id(1)] string Message);
