using PrivateDomainGrains.Abstractions.Customers;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>What one ingest call did with each of its events, gathered as it goes (see <see cref="IngestOutcome"/>).</summary>
internal sealed class IngestResult(int count)
{
    private readonly bool[] _accepted = new bool[count];
    private string?[]? _conflicts;

    public void Accept(int index) => _accepted[index] = true;

    public void Conflict(int index, string why) => (_conflicts ??= new string?[_accepted.Length])[index] = why;

    public IngestOutcome ToOutcome(string? owner) => new(_accepted) { Conflicts = _conflicts, Owner = owner };
}
