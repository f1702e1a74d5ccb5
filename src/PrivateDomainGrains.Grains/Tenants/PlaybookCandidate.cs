using System.Text.Json;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>
/// A playbook document checked as a save would check it: parsed, owned by the tenant, numbered, validated by the
/// engine's validator and compiled. The playbook grain stores what passes; a dry run decides with it without storing.
/// </summary>
/// <param name="Playbook">The parsed playbook, tenant id and version filled in; null when the JSON did not parse.</param>
/// <param name="Compiled">Null unless <see cref="Errors"/> is empty.</param>
/// <param name="Errors">Every problem, by JSON path of the document (<c>$.rules[0].trigger.event</c>).</param>
public sealed record PlaybookCandidate(Playbook? Playbook, CompiledPlaybook? Compiled, PlaybookValidationError[] Errors)
{
    /// <summary>
    /// True when the playbook validated yet did not compile: a gap in the validator (the platform's fault, worth an
    /// error log), unlike every other error, which is the sender's (malformed JSON included, also reported at <c>$</c>).
    /// </summary>
    public bool CompileFailed { get; private init; }

    public static PlaybookCandidate Check(string tenant, string json, int version)
    {
        Playbook playbook;
        try
        {
            playbook = PlaybookJson.Parse(json);
        }
        catch (JsonException)
        {
            // The validator words parse errors (with their path) the same way everywhere.
            return new(null, null, Located(PlaybookValidator.Validate(json)));
        }
        return Check(tenant, playbook, version);
    }

    public static PlaybookCandidate Check(string tenant, Playbook playbook, int version)
    {
        var errors = new List<PlaybookError>();
        if (string.IsNullOrEmpty(playbook.TenantId)) playbook.TenantId = tenant;
        else if (playbook.TenantId != tenant)
            errors.Add(new PlaybookError("$.tenantId", PlaybookPhrases.TenantMismatch.Say(tenant)));
        playbook.Version = version;
        errors.AddRange(PlaybookValidator.Validate(playbook, sentNow: true));
        if (errors.Count > 0) return new(playbook, null, Located(errors));
        try
        {
            // Validation promises that this compiles; proving it here keeps a gap in that promise out of every silo.
            return new(playbook, CompiledPlaybook.Compile(playbook), []);
        }
        catch (Exception ex)
        {
            return new(playbook, null, [new PlaybookValidationError("$", "could not be compiled: " + ex.Message)]) { CompileFailed = true };
        }
    }

    private static PlaybookValidationError[] Located(IEnumerable<PlaybookError> errors) =>
        [.. errors.Select(e => new PlaybookValidationError(e.Path, e.Message))];
}
