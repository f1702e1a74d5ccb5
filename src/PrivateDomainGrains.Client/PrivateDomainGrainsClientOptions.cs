namespace PrivateDomainGrains.Client;

/// <summary>
/// Where the platform is and which keys this client holds. Each call uses the key its route needs: the integration key
/// (<see cref="ApiKey"/>, or else <see cref="AdminKey"/>) for events, customers, playbook reads and learning; the
/// <see cref="AdminKey"/> for staff, handovers, playbook writes and WeCom settings; the <see cref="OperatorKey"/> for
/// tenants and node statistics. A call whose key is missing throws <see cref="InvalidOperationException"/> naming it.
/// </summary>
public sealed class PrivateDomainGrainsClientOptions
{
    /// <summary>The platform's base URL, e.g. <c>https://pdg.example.com/</c> (used by <c>AddPrivateDomainGrainsClient</c>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The tenant id every tenant route is called for.</summary>
    public string? Tenant { get; set; }

    /// <summary>The tenant's integration API key (<c>pdg_api_...</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The tenant's admin key (<c>pdg_adm_...</c>).</summary>
    public string? AdminKey { get; set; }

    /// <summary>A staff member's console token (<see cref="AuthClient.SignInAsync"/>), for the console routes (<see cref="WorkbenchClient"/>).</summary>
    public string? ConsoleToken { get; set; }

    /// <summary>The platform operator key.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>
    /// Retries after the first attempt (used by <c>AddPrivateDomainGrainsClient</c>): of any request answered 429, and of
    /// idempotent requests (reads, events, tags, owner, playbook, settings) that failed transiently (5xx, 408, no answer).
    /// The wait is the answer's <c>Retry-After</c> when it has one. 0 turns retries off.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    internal PrivateDomainGrainsClientOptions Copy() => (PrivateDomainGrainsClientOptions)MemberwiseClone();
}
