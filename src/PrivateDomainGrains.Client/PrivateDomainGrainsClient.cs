using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// The platform's HTTP API v1, one property per resource: <c>client.Events.PostAsync(...)</c>,
/// <c>client.Customers.GetAsync("li")</c>. Each call sends the key its route needs (<see cref="PrivateDomainGrainsClientOptions"/>);
/// an error answer throws <see cref="PlatformApiException"/> with the ProblemDetails. Thread-safe; share one per tenant.
/// Built by <c>AddPrivateDomainGrainsClient</c> (with retries), or over any <see cref="HttpClient"/> (with whatever handlers it has).
/// </summary>
public sealed class PrivateDomainGrainsClient
{
    private readonly PlatformHttp _http;

    /// <param name="http">Its <see cref="HttpClient.BaseAddress"/> is the platform's, or is set from <see cref="PrivateDomainGrainsClientOptions.BaseAddress"/>.</param>
    public PrivateDomainGrainsClient(HttpClient http, PrivateDomainGrainsClientOptions? options = null)
    {
        var copy = options?.Copy() ?? new PrivateDomainGrainsClientOptions();
        if (http.BaseAddress is null)
            http.BaseAddress = copy.BaseAddress ?? throw new ArgumentException("The HttpClient has no BaseAddress and the options give none", nameof(http));
        _http = new PlatformHttp(http, copy);
        Tenants = new TenantsClient(_http);
        Staff = new StaffClient(_http);
        Auth = new AuthClient(_http);
        Events = new EventsClient(_http);
        Customers = new CustomersClient(_http);
        Identities = new IdentitiesClient(_http);
        Handovers = new HandoversClient(_http);
        Tags = new TagsClient(_http);
        Playbook = new PlaybookClient(_http);
        Learning = new LearningClient(_http);
        WeCom = new WeComClient(_http);
        Webhooks = new WebhooksClient(_http);
        Keys = new ApiKeysClient(_http);
        System = new SystemClient(_http);
        Workbench = new WorkbenchClient(_http);
        PersonalData = new PersonalDataClient(_http);
        JournalRetention = new JournalRetentionClient(_http);
        Audit = new AuditClient(_http);
        Reports = new ReportsClient(_http);
        Segments = new SegmentsClient(_http, console: false);
        Campaigns = new CampaignsClient(_http, console: false);
    }

    /// <summary>The platform's base URL.</summary>
    public Uri BaseAddress => _http.Client.BaseAddress!;

    /// <summary>The tenant the tenant routes are called for.</summary>
    public string? Tenant => _http.Options.Tenant;

    public TenantsClient Tenants { get; }
    public StaffClient Staff { get; }
    public AuthClient Auth { get; }
    public EventsClient Events { get; }
    public CustomersClient Customers { get; }
    public IdentitiesClient Identities { get; }
    public HandoversClient Handovers { get; }
    public TagsClient Tags { get; }
    public PlaybookClient Playbook { get; }
    public LearningClient Learning { get; }
    public WeComClient WeCom { get; }
    public WebhooksClient Webhooks { get; }
    public ApiKeysClient Keys { get; }
    public SystemClient System { get; }
    public PersonalDataClient PersonalData { get; }

    /// <summary>How many days of events the tenant's journal keeps, and the pass dropping older ones.</summary>
    public JournalRetentionClient JournalRetention { get; }
    public AuditClient Audit { get; }

    /// <summary>The staff workbench's console routes, as the staff member whose <see cref="PrivateDomainGrainsClientOptions.ConsoleToken"/> this client holds.</summary>
    public WorkbenchClient Workbench { get; }

    /// <summary>A client for the same tenant and keys, with a staff member's console token (<see cref="AuthClient.SignInAsync"/>).</summary>
    public PrivateDomainGrainsClient WithConsoleToken(string accessToken)
    {
        var options = _http.Options.Copy();
        options.ConsoleToken = accessToken;
        return new PrivateDomainGrainsClient(_http.Client, options);
    }
    public ReportsClient Reports { get; }

    /// <summary>Saved segments over the customer directory, their live counts and members.</summary>
    public SegmentsClient Segments { get; }

    /// <summary>Campaigns (群发) to saved segments, admin key.</summary>
    public CampaignsClient Campaigns { get; }

    /// <summary>A client for another tenant (or other keys) over the same <see cref="HttpClient"/>, keeping the operator key.</summary>
    public PrivateDomainGrainsClient WithTenant(string tenant, string? apiKey, string? adminKey = null)
    {
        var options = _http.Options.Copy();
        (options.Tenant, options.ApiKey, options.AdminKey) = (tenant, apiKey, adminKey);
        return new PrivateDomainGrainsClient(_http.Client, options);
    }

    /// <summary>A client for a tenant just created, with both of its keys.</summary>
    public PrivateDomainGrainsClient WithTenant(CreatedTenant tenant) => WithTenant(tenant.Tenant, tenant.ApiKey, tenant.AdminKey);
}
