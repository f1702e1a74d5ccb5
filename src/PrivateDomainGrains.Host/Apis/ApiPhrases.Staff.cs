using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Staff, tenants, customers, nudges, the audit log, personal data and journal retention (StaffApi, TenantsApi, CustomersApi, ConsoleNudgesApi, AuditApi, PersonalDataApi, JournalRetentionApi)
public static partial class ApiPhrases
{
    public static readonly Phrase Password = new("'password' must be {0}-{1} characters", "'password' 须为 {0}-{1} 个字符");
    public static readonly Phrase StaffExists = new("Staff '{0}' already exists", "员工 '{0}' 已存在");
    public static readonly Phrase FieldBlank = new("'{0}' must not be blank", "'{0}' 不能为空白");
    public static readonly Phrase NoStaff = new("Staff '{0}' is not a staff member of tenant '{1}'", "员工 '{0}' 不是租户 '{1}' 的员工");
    public static readonly Phrase TenantExists = new("Tenant '{0}' already exists", "租户 '{0}' 已存在");
    public static readonly Phrase BeforeId = new("'before' must be a positive id from a previous page", "'before' 须为上一页给出的正整数 id");
    public static readonly Phrase BeforeSequence = new(
        "'before' must be a positive sequence number from a previous page", "'before' 须为上一页给出的正整数序号");
    public static readonly Phrase RetentionInvalid = new("Invalid journal retention; nothing was changed", "日志保留期无效，未做任何更改");
    public static readonly Phrase RetentionDays = new("'days' must be 1-{0}, or null to keep every event", "'days' 须为 1-{0}，或为 null 以保留所有事件");
    public static readonly Phrase NothingHeld = new("Nothing is held about customer '{0}'", "未保存任何关于客户 '{0}' 的数据");
    public static readonly Phrase NoIdentityHolder = new("No customer holds {0} '{1}'; nothing was changed", "没有客户持有 {0} '{1}'，未做任何更改");
    public static readonly Phrase SnoozeUntil = new(
        "'until' must be in the future and at most {0} days ahead", "'until' 须是将来的时间，且最多在 {0} 天之后");
    public static readonly Phrase NoOpenNudge = new("No open nudge '{0}' of yours", "你没有未处理的提醒 '{0}'");
    public static readonly Phrase NoStaffOfTenant = new("'staffId' names no staff member of tenant '{0}': '{1}'", "'staffId' 不是租户 '{0}' 的员工：'{1}'");
    public static readonly Phrase TagsCount = new("'tags' must hold 1-{0} tags", "'tags' 须有 1-{0} 个标签");
}
