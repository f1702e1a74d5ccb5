using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Campaigns (CampaignsApi)
public static partial class ApiPhrases
{
    public static readonly Phrase CampaignsManagersOnly = new("Campaigns are for managers and admins", "群发仅供经理和管理员使用");
    public static readonly Phrase RequiredIso = new("'{0}' is required (ISO 8601)", "'{0}' 必填（ISO 8601）");
    public static readonly Phrase EndAfterStart = new("'endAt' must be after 'startAt'", "'endAt' 须晚于 'startAt'");
    public static readonly Phrase WindowTooLong = new("'endAt' must be at most {0} days after 'startAt'", "'endAt' 最多比 'startAt' 晚 {0} 天");
    public static readonly Phrase EndBefore = new("'endAt' must be before {0:yyyy-MM-dd}", "'endAt' 须早于 {0:yyyy-MM-dd}");
    public static readonly Phrase NoSuchSegment = new("'segmentId' names no segment of this tenant: '{0}'", "'segmentId' 不是本租户的分群：'{0}'");
    public static readonly Phrase ScriptRequired = new("'script' is required: {{\"title\",\"text\"}}", "'script' 必填：{{\"title\",\"text\"}}");
    public static readonly Phrase VariantCount = new("'script.variants' must hold 1-{0} variants", "'script.variants' 须有 1-{0} 个变体");
    public static readonly Phrase VariantObject = new("'{0}' must be an object {{\"id\",\"title\",\"text\"}}", "'{0}' 须为对象 {{\"id\",\"title\",\"text\"}}");
    public static readonly Phrase VariantRepeats = new("'{0}.id' repeats '{1}'", "'{0}.id' 与 '{1}' 重复");
    public static readonly Phrase CampaignInvalid = new("The campaign is invalid; nothing was stored", "群发无效，未保存任何内容");
    public static readonly Phrase NoCampaign = new("No campaign '{0}' in this tenant", "本租户没有群发 '{0}'");
}
