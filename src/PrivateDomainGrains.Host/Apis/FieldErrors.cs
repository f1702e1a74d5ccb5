using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Every bad field of one request, gathered so that its 400 names them all at once (the ProblemDetails convention):
/// a client fixes a request in one round, not one field per round.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether any field is bad.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Whether <paramref name="field"/> is bad already (a check that depends on it is then skipped).</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Notes <paramref name="message"/> about <paramref name="field"/>.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        if (!messages.Contains(message)) messages.Add(message);
    }

    /// <summary>Notes every field a 400 of a single check names (a helper that answers one problem); nothing for null.</summary>
    public void Add(ProblemHttpResult? problem)
    {
        if (problem?.ProblemDetails is HttpValidationProblemDetails { Errors: var errors })
            foreach (var (field, messages) in errors)
                foreach (var message in messages) Add(field, message);
    }

    /// <summary>The 400 naming every bad field, its detail each message once; null when none is bad.</summary>
    public ProblemHttpResult? Problem() => Any
        ? Problems.BadRequest(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            WordedList.Clauses(_errors.Values.SelectMany(m => m).Distinct()).Say())
        : null;
}
