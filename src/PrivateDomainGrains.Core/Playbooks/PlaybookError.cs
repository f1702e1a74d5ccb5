namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>One problem in a playbook, located by JSON path (e.g. <c>$.rules[3].actions[0].title</c>).</summary>
public sealed record PlaybookError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when compiling a playbook that does not validate; carries every error.</summary>
public sealed class PlaybookInvalidException(IReadOnlyList<PlaybookError> errors)
    : Exception("The playbook is invalid:\n" + string.Join("\n", errors))
{
    public IReadOnlyList<PlaybookError> Errors { get; } = errors;
}
