using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Strong identities, identity settings and the pending pool (IdentitiesApi, the console's pending pool)
public static partial class ApiPhrases
{
    public static readonly Phrase NoHolder = new("No customer holds {0} '{1}'", "没有客户持有 {0} '{1}'");
    public static readonly Phrase IdentitiesInvalid = new("Invalid identities", "身份无效");
    public static readonly Phrase IdentitiesCount = new("must name 1-{0} identities", "须列出 1-{0} 个身份");
    public static readonly Phrase IdentityWeak = new("is weak: nicknames name many customers and are not indexed", "是弱身份：许多客户可能同名，不建索引");
    public static readonly Phrase IdentityHeld = new("'identities.{0}' already names customer '{1}'", "'identities.{0}' 已属于客户 '{1}'");
    public static readonly Phrase NothingAdded = new("{0}: nothing was added", "{0}：未添加任何内容");
    public static readonly Phrase IdentityRaced = new(
        "Another customer ('{0}') took one of the identities meanwhile; the others were added", "另一个客户（'{0}'）同时占用了其中一个身份；其余的已添加");
    public static readonly Phrase NotHeldBy = new("Customer '{0}' does not hold {1} '{2}'", "客户 '{0}' 不持有 {1} '{2}'");
    public static readonly Phrase RegionUnknown = new(
        "must be an ISO 3166 alpha-2 region libphonenumber knows, e.g. CN", "须为 libphonenumber 认识的 ISO 3166 二字母地区代码，如 CN");
    public static readonly Phrase EventTypesCount = new("must list 0-20 event types", "须列出 0-20 种事件类型");
    public static readonly Phrase NotAnEventType = new(
        "is not an event type (friend.added, order.paid, ... or x.*)", "不是事件类型（friend.added、order.paid……或 x.*）");
    public static readonly Phrase SettingsInvalid = new("Invalid identity settings", "身份设置无效");
    public static readonly Phrase BodyObject = new("The body must be a JSON object", "请求体须为 JSON 对象");
    public static readonly Phrase GivenOnceBoolean = new("'{0}' must be true or false, given once", "'{0}' 须为 true 或 false，且只给一次");
    public static readonly Phrase ImportRows = new("'rows' must hold 1-{0} rows, each given once", "'rows' 须有 1-{0} 行，每行只给一次");
    public static readonly Phrase PendingState = new("'state' must be pending, attached or dismissed", "'state' 须为 pending、attached 或 dismissed");
    public static readonly Phrase AfterCursor = new("'after' must be the nextAfter of a previous page", "'after' 须为上一页给出的 nextAfter");
    public static readonly Phrase EventSettled = new("Event '{0}' is {1}, no longer pending", "事件 '{0}' 已是 {1}，不再待处理");
    public static readonly Phrase EventNotPending = new("Event '{0}' is no longer pending", "事件 '{0}' 不再待处理");
    public static readonly Phrase NicknameWeak = new(
        "nickname is weak: many customers may share one, so it names no customer", "昵称是弱身份：许多客户可能同名，所以它不指向任何客户");
    public static readonly Phrase IdentityValueInvalid = new("is invalid", "无效");
    public static readonly Phrase IdentityInvalid = new("Invalid identity", "该身份无效");
    public static readonly Phrase NoPendingEvent = new("No event '{0}' in the pending pool", "待定池中没有事件 '{0}'");
    public static readonly Phrase PendingPoolManagersOnly = new("Only managers and admins work the pending pool", "只有经理和管理员能处理待定池");
}
