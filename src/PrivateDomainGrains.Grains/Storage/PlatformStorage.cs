namespace PrivateDomainGrains.Grains.Storage;

/// <summary>
/// The grain storage provider and the state names. Each grain type has its own state name because ADO.NET storage
/// keys rows by state name and grain id: two grain types sharing one would overwrite each other. Customers are not
/// here: their snapshots go through group commit (<c>pdg_customer_snapshots</c>), since there are millions of them.
/// </summary>
public static class PlatformStorage
{
    public const string Name = "platform";
    public const string StaffState = "staff";
    public const string TenantState = "tenant";
    public const string PlaybookState = "playbook";
    public const string LearningState = "learning";
    public const string HandoverState = "handover";
    public const string WeComSettingsState = "wecom-settings";
    public const string TagCatalogState = "tag-catalog";
    public const string TagJobState = "tag-job";
    public const string CampaignState = "campaign";
    public const string IdentityImportState = "identity-import";
}
