using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Events;

/// <summary>What the event check says after a field's name (<see cref="EventValidator"/>). See <see cref="Phrase"/>.</summary>
public static class EventPhrases
{
    public static readonly Phrase UnknownType = new("must be one of {0} or a custom type starting with 'x.'", "须为以下之一：{0}，或以 'x.' 开头的自定义类型");
    public static readonly Phrase Ahead = new(
        "is more than {0:0} minutes ahead of the server's clock ({1:u}): send the time the event happened",
        "比服务器时钟（{1:u}）快了 {0:0} 分钟以上：请发送事件发生的时间");
    public static readonly Phrase TooEarly = new("must not be before {0:yyyy-MM-dd}", "不能早于 {0:yyyy-MM-dd}");
    public static readonly Phrase EmptyChannel = new("must not be empty; omit it when unknown", "不能为空；未知时请省略");
    public static readonly Phrase ChannelName = new("{0}: a channel is a name such as wecom", "{0}：渠道是一个名称，如 wecom");
    public static readonly Phrase DataKeys = new("keys must be 1-{0} characters of valid text without U+0000", "键须为 1-{0} 个字符的有效文本，不含 U+0000");
    public static readonly Phrase Reserved = new("is reserved: send identities in 'identities'", "是保留字段：身份请放在 'identities' 中发送");
    public static readonly Phrase OrderId = new(
        "{0} needs an order id: must be 1-128 characters of letters, digits and -_.:@",
        "{0} 需要订单 id：须为 1-128 个字符，只用字母、数字和 -_.:@");
    public static readonly Phrase NoEventsArray = new(
        "must be an array of events: {{\"events\":[{{\"id\",\"customerId\",\"type\",...}}]}}",
        "须为事件数组：{{\"events\":[{{\"id\",\"customerId\",\"type\",...}}]}}");
    public static readonly Phrase JsonObjectWithEvents = new("must be a JSON object with an 'events' array", "须为带有 'events' 数组的 JSON 对象");
    public static readonly Phrase EventInvalid = new("The event is invalid", "事件无效");
    public static readonly Phrase NoEventValid = new("None of the {0} events is valid", "{0} 个事件都无效");
    public static readonly Phrase NoEvents = new("is empty", "为空");
    public static readonly Phrase TooManyEvents = new("holds {0} events; at most {1} per request", "有 {0} 个事件；每次请求最多 {1} 个");
    public static readonly Phrase JsonObject = new("must be a JSON object", "须为 JSON 对象");
    public static readonly Phrase KeyNotUnicode = new("has a key that is not valid Unicode text", "有一个键不是有效的 Unicode 文本");
    public static readonly Phrase NotAString = new("must be a string", "须为字符串");
    public static readonly Phrase IdentitiesObject = new(
        "must be a JSON object of kind to value, e.g. {{\"phone\":\"13800138000\"}}",
        "须为“类型到值”的 JSON 对象，如 {{\"phone\":\"13800138000\"}}");
    public static readonly Phrase IdentityKindNotUnicode = new("has a kind that is not valid Unicode text", "有一个类型不是有效的 Unicode 文本");
    public static readonly Phrase NoIdentity = new("must name at least one identity", "至少要有一个身份");
    public static readonly Phrase TooManyIdentities = new("may name at most {0} identities", "最多 {0} 个身份");
    // What needs the tenant or the customer (EventIngestion, CustomerIngest)
    public static readonly Phrase BeforeRetention = new(
        "'at' is before {0:O}: tenant '{1}' keeps events of its journal retention's days only",
        "'at' 早于 {0:O}：租户 '{1}' 的日志只保留其保留期内的事件");
    public static readonly Phrase UnknownStaff = new("'{0}' is not a staff member of tenant '{1}'", "'{0}' 不是租户 '{1}' 的员工");
    public static readonly Phrase IdUsedHere = new("already used by this customer's {0} at {1:O}", "已被该客户 {1:O} 的 {0} 使用");
    public static readonly Phrase IdUsedElsewhere = new(
        "already used by customer '{0}': event ids are unique per tenant", "已被客户 '{0}' 使用：事件 id 在租户内唯一");
    public static readonly Phrase NeedsAmount = new("order.paid needs an amount", "order.paid 需要金额");
    public static readonly Phrase Number = new("must be a number", "须为数字");
    public static readonly Phrase Negative = new("must not be negative", "不能为负数");
    public static readonly Phrase AmountMax = new("must be at most {0:N0}", "最多 {0:N0}");
    public static readonly Phrase Decimals = new("must have at most {0} decimal places", "最多 {0} 位小数");
}
