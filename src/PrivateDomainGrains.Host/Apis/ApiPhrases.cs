using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// What the HTTP API says in its ProblemDetails (the <c>detail</c> and the <c>errors</c> by field) and in the rows of its
/// jobs, route by route (the console shows them; the headings below name the routes). Worded in the request's language
/// (<see cref="Phrase"/>, <c>Hosting/LanguageHostingExtensions.cs</c>).
/// </summary>
public static class ApiPhrases
{
    // Any resource
    public static readonly Phrase FieldRequired = new("'{0}' is required", "'{0}' 必填");
    public static readonly Phrase FieldTooLong = new("'{0}' must be at most {1} characters", "'{0}' 最多 {1} 个字符");
    public static readonly Phrase FieldInFuture = new("'{0}' must be in the future", "'{0}' 须是将来的时间");
    public static readonly Phrase Limit = new("'limit' must be 1-{0}", "'limit' 须为 1-{0}");
    public static readonly Phrase PageToken = new("'{0}' must be the 'next' of a previous page, as it was", "'{0}' 须为上一页原样给出的 'next'");
    public static readonly Phrase FieldEmpty = new("'{0}' must not be empty", "'{0}' 不能为空");
    /// <summary>A message about a field after its name: <c>'tag': Tag 'vip' is in the catalog</c>.</summary>
    public static readonly Phrase FieldSays = new("'{0}': {1}", "'{0}'：{1}");
    public static readonly Phrase FieldOneOf = new("'{0}' must be one of {1}", "'{0}' 须为以下之一：{1}");
    public static readonly Phrase TrueOrFalse = new("'{0}' must be true or false", "'{0}' 须为 true 或 false");
    public static readonly Phrase BodyTooLarge = new("The body is {0} bytes; at most {1}", "请求体有 {0} 字节，最多 {1}");
    public static readonly Phrase BodyExceeds = new("The body exceeds {0} bytes", "请求体超过 {0} 字节");
    public static readonly Phrase ContentTypeCsv = new("'Content-Type' must be text/csv", "'Content-Type' 须为 text/csv");
    public static readonly Phrase ContentTypeCsvOrNdjson = new(
        "'Content-Type' must be text/csv or application/x-ndjson", "'Content-Type' 须为 text/csv 或 application/x-ndjson");
    public static readonly Phrase UploadBody = new("The body is {0} bytes; at most {1:N0}", "请求体有 {0} 字节，最多 {1:N0}");

    // A request no route takes, a parameter that does not bind (Hosting/StatusCodeProblems.cs, BadParameterHandler.cs)
    public static readonly Phrase NoRoute = new(
        "Nothing answers {0} {1}: the routes are listed in /openapi/v1.json", "没有路由处理 {0} {1}：路由列于 /openapi/v1.json");
    public static readonly Phrase MethodNotTaken = new(
        "{0} does not take {1}: see /openapi/v1.json for the methods it takes", "{0} 不接受 {1}：它接受的方法见 /openapi/v1.json");
    public static readonly Phrase ParameterInvalid = new("The parameter '{0}' is not valid.", "参数 '{0}' 无效。");
    public static readonly Phrase RequestUnreadable = new("The request could not be read.", "无法读取该请求。");
    public static readonly Phrase BodyNotOfShape = new("the body is not JSON of the expected shape", "请求体不是预期形状的 JSON");
    public static readonly Phrase ParameterNotOf = new("'{0}' is not {1}", "'{0}' 不是 {1}");
    public static readonly Phrase ParameterControl = new("must be {0} (it holds control characters)", "须为 {0}（其中含控制字符）");
    public static readonly Phrase ExpectedForm = new("of the expected form", "预期的形式");

    // Refusals the exception handlers and a stopping node write
    public static readonly Phrase CustomerErased = new(
        "refused: the personal data of customer '{0}' was erased at {1}; nothing about it is stored again",
        "已拒绝：客户 '{0}' 的个人数据已于 {1} 抹除；不再保存任何关于它的内容");
    public static readonly Phrase TransientFailure = new(
        "The platform could not complete the request just now (storage or a node is being replaced). Retry it; writes are idempotent by id.",
        "平台此刻无法完成该请求（存储或某个节点正在更换）。请重试；按 id 写入是幂等的。");
    public static readonly Phrase ConnectElsewhere = new("Connect the console to another node.", "请把控制台连接到另一个节点。");

    // Staff, tenants, customers, nudges, the audit log, personal data and journal retention
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
    public static readonly Phrase CustomerNotYet = new("Customer '{0}' has no events, owner or tags yet", "客户 '{0}' 尚无事件、负责人或标签");

    // Strong identities, identity settings and the pending pool (IdentitiesApi)
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
    public static readonly Phrase NotAnIdentityKind = new("is not an identity kind: use {0}", "不是身份类型：请用 {0}");
    public static readonly Phrase NicknameWeak = new(
        "nickname is weak: many customers may share one, so it names no customer", "昵称是弱身份：许多客户可能同名，所以它不指向任何客户");
    public static readonly Phrase IdentityValueInvalid = new("is invalid", "无效");
    public static readonly Phrase IdentityInvalid = new("Invalid identity", "身份无效");
    public static readonly Phrase NoPendingEvent = new("No event '{0}' in the pending pool", "待定池中没有事件 '{0}'");

    // The tag catalog and merges
    public static readonly Phrase RenameToItself = new("'to' must differ from the tag renamed", "'to' 须与被改名的标签不同");
    public static readonly Phrase MergeIntoItself = new("'into' must differ from the tag merged", "'into' 须与被合并的标签不同");
    public static readonly Phrase TagChangeStarting = new(
        "The same change is being started as tag job {0}: send it again shortly", "同一更改正作为标签任务 {0} 启动：请稍后再发送");
    public static readonly Phrase OtherTenantsCustomer = new(
        "'absorbedTenant' is '{0}': customers of tenant '{1}' never merge with another tenant's", "'absorbedTenant' 是 '{0}'：租户 '{1}' 的客户从不与其他租户的客户合并");
    public static readonly Phrase MergeManagersOnly = new("Only managers and admins merge customers", "只有经理和管理员能合并客户");
    public static readonly Phrase UndoMergeManagersOnly = new("Only managers and admins undo merges", "只有经理和管理员能撤销合并");

    // Tag jobs (TagJobsApi, TagJobCsv, ConsoleTagsApi)
    public static readonly Phrase CustomerIdsCount = new("'customerIds' must hold 1-{0:N0} customer ids", "'customerIds' 须有 1-{0:N0} 个客户 id");
    public static readonly Phrase NoTagJob = new("Tag job '{0}' does not exist", "标签任务 '{0}' 不存在");
    public static readonly Phrase CatalogJobKept = new(
        "'jobId': tag job '{0}' changes the holders of a catalog {1}, which cannot be cancelled",
        "'jobId'：标签任务 '{0}' 在变更标签库 {1} 所涉及的持有者，不能取消");
    public static readonly Phrase TagJobDone = new(
        "'jobId': tag job '{0}' already completed ({1} done, {2} failed)", "'jobId'：标签任务 '{0}' 已完成（完成 {1}，失败 {2}）");
    public static readonly Phrase SeqAfter = new("'after' must be the seq of a row of the previous page, or 0", "'after' 须为上一页某行的 seq，或 0");
    public static readonly Phrase TagRowStatus = new("'status' must be pending, changed, unchanged or failed", "'status' 须为 pending、changed、unchanged 或 failed");
    public static readonly Phrase OneSource = new("Give exactly one of 'customerIds', 'filter' and 'segmentId'", "'customerIds'、'filter' 和 'segmentId' 须恰好给出一个");
    public static readonly Phrase NoSegmentOfTenant = new("'segmentId': the tenant has no segment '{0}'", "'segmentId'：本租户没有分群 '{0}'");
    public static readonly Phrase AddOrRemove = new("'add' and 'remove' must name at least one tag between them", "'add' 和 'remove' 合起来至少要有一个标签");
    public static readonly Phrase AddedAndRemoved = new("'remove' must not hold '{0}', which 'add' holds", "'remove' 不能含 'add' 已有的 '{0}'");
    public static readonly Phrase FilterEmpty = new(
        "'filter' must give at least one of tagsAny, tagsAll, owner, tier and status", "'filter' 至少要给出 tagsAny、tagsAll、owner、tier 和 status 之一");
    public static readonly Phrase StartTagJobsManagersOnly = new("Only admins and managers start tag jobs", "只有管理员和经理能启动标签任务");
    public static readonly Phrase ReadTagJobsManagersOnly = new("Only admins and managers read tag jobs", "只有管理员和经理能查看标签任务");
    public static readonly Phrase CancelTagJobsManagersOnly = new("Only admins and managers cancel tag jobs", "只有管理员和经理能取消标签任务");
    public static readonly Phrase ManagerByIds = new(
        "'customerIds': a manager tags by 'segmentId', or by 'filter' with an 'owner' of their team",
        "'customerIds'：经理按 'segmentId' 打标签，或按带本团队 'owner' 的 'filter' 打标签");
    public static readonly Phrase ManagerOwner = new(
        "'filter.owner' must be a staff member of the manager's team (or the manager)", "'filter.owner' 须为经理团队的员工（或经理本人）");
    public static readonly Phrase CatalogAdminsOnly = new("Only admins change the tag catalog", "只有管理员能修改标签库");
    public static readonly Phrase CsvNeverClosed = new("'body' line {0}: a quoted field is never closed", "'body' 第 {0} 行：引号字段始终未闭合");
    public static readonly Phrase CsvLineTooLong = new("'body' line {0} is longer than {1:N0} bytes", "'body' 第 {0} 行超过 {1:N0} 字节");
    public static readonly Phrase CsvUnterminated = new("'body' line {0}: an unterminated quoted field", "'body' 第 {0} 行：有未闭合的引号字段");
    public static readonly Phrase CsvCustomerId = new("'body' line {0}: a customer id {1}", "'body' 第 {0} 行：客户 id {1}");
    public static readonly Phrase CsvIdentityKind = new("'body' line {0}: the identity kind {1}", "'body' 第 {0} 行：身份类型{1}");
    public static readonly Phrase CsvIdentityValue = new("'body' line {0}: the identity value {1}", "'body' 第 {0} 行：身份值{1}");
    public static readonly Phrase CsvColumns = new(
        "'body' line {0}: one column (a customer id) or two (kind,value), not {1}", "'body' 第 {0} 行：须为一列（客户 id）或两列（kind,value），而不是 {1} 列");
    public static readonly Phrase CsvTooManyCustomers = new("'body' must hold at most {0:N0} customers", "'body' 最多 {0:N0} 位客户");
    public static readonly Phrase CsvNoCustomer = new("'body' must name at least one customer", "'body' 至少要有一位客户");

    // Handovers, reports, WeCom settings, the console's pending pool
    public static readonly Phrase HandoverToSelf = new(
        "'toStaffId' must be another staff member than the one handing over", "'toStaffId' 须是交接人以外的另一位员工");
    public static readonly Phrase NoHandover = new("Handover '{0}' does not exist", "交接 '{0}' 不存在");
    public static readonly Phrase ReportDate = new(
        "'{0}' must be a date as yyyy-MM-dd from {1:yyyy-MM-dd} to {2:yyyy-MM-dd}", "'{0}' 须为 {1:yyyy-MM-dd} 到 {2:yyyy-MM-dd} 之间 yyyy-MM-dd 格式的日期");
    public static readonly Phrase ToBeforeFrom = new("'to' must not be before 'from'", "'to' 不能早于 'from'");
    public static readonly Phrase ToWithin = new("'to' must be within {0} days of 'from'", "'to' 须在 'from' 之后 {0} 天以内");
    public static readonly Phrase OverdueAfter = new(
        "'overdueAfter' must be a duration like 5m, 2h, 3d or 1w, at most 3650d, more than 0",
        "'overdueAfter' 须为大于零的时长，如 5m、2h、3d 或 1w，最长 3650d");
    public static readonly Phrase NotInYourTeam = new("'staffId': '{0}' is not in your team", "'staffId'：'{0}' 不在你的团队中");
    public static readonly Phrase WeComInvalid = new("The WeCom settings are invalid; nothing was stored", "企业微信设置无效，未保存任何内容");
    public static readonly Phrase WeComCorpId = new(
        "'corpId' must be WeCom's CorpID: 'ww' or 'wx' followed by 16 letters or digits ({0} characters)",
        "'corpId' 须为企业微信的 CorpID：'ww' 或 'wx' 后接 16 个字母或数字（共 {0} 个字符）");
    public static readonly Phrase WeComToken = new(
        "'token' must be 1-{0} ASCII letters or digits, as set in WeCom's admin console",
        "'token' 须为 1-{0} 个 ASCII 字母或数字，与企业微信管理后台中设置的一致");
    public static readonly Phrase WeComAesKey = new(
        "'encodingAesKey' must be {0} characters of base64 (letters, digits, '+', '/') without padding",
        "'encodingAesKey' 须为 {0} 个 base64 字符（字母、数字、'+'、'/'），不带填充");
    public static readonly Phrase PendingPoolManagersOnly = new("Only managers and admins work the pending pool", "只有经理和管理员能处理待定池");

    // Events (EventsApi, EventAdmission), webhooks' subscriptions, keys and rate limits (Security)
    public static readonly Phrase TenantInFlight = new(
        "This tenant already has {0:N0} events in progress on this node.", "本租户在此节点上已有 {0:N0} 个事件正在处理。");
    public static readonly Phrase NodeInFlight = new("This node already has {0:N0} events in progress.", "此节点已有 {0:N0} 个事件正在处理。");
    public static readonly Phrase ShedRetry = new(
        "{0} Retry the same request after Retry-After; nothing of it was stored.", "{0}请在 Retry-After 之后重发同一请求；其中的内容均未保存。");
    public static readonly Phrase EventsNotStored = new(
        "The events could not all be stored. Retry the same request: events already stored are reported as duplicates.",
        "这些事件未能全部保存。请重发同一请求：已保存的事件会报告为重复。");
    public static readonly Phrase UrlSubscribed = new(
        "'url' is subscribed already by {0} ({1}): change that subscription's event types instead",
        "'url' 已被 {0}（{1}）订阅：请改为修改那个订阅的事件类型");
    public static readonly Phrase OperatorKeyNeeded = new(
        "This route needs the platform operator key as 'Authorization: Bearer <key>'", "此路由需要平台运维密钥，以 'Authorization: Bearer <key>' 发送");
    public static readonly Phrase AdminKeyNeeded = new(
        "This route needs tenant '{0}' admin key as 'Authorization: Bearer <key>'", "此路由需要租户 '{0}' 的管理密钥，以 'Authorization: Bearer <key>' 发送");
    public static readonly Phrase ApiKeyNeeded = new(
        "This route needs tenant '{0}' API key as 'Authorization: Bearer <key>'", "此路由需要租户 '{0}' 的 API 密钥，以 'Authorization: Bearer <key>' 发送");
    public static readonly Phrase KeyNotOpen = new(
        "This key is not an open key of tenant '{0}': unknown, revoked or expired", "此密钥不是租户 '{0}' 的有效密钥：未知、已吊销或已过期");
    public static readonly Phrase ScopeNeeded = new(
        "This route needs the scope '{0}'; key '{1}' ({2}) has {3}", "此路由需要权限范围 '{0}'；密钥 '{1}'（{2}）只有 {3}");
    public static readonly Phrase TooManyRequests = new(
        "Too many requests: slow down and retry after the time in Retry-After.", "请求过多：请放慢速度，在 Retry-After 给出的时间之后重试。");

    // Customers and tags
    public static readonly Phrase TagField = new(
        "'{0}' must be 1-64 characters of valid text without control or invisible format characters",
        "'{0}' 须为 1-64 个字符的有效文本，不含控制字符或不可见的格式字符");
    public static readonly Phrase TooManyTags = new("'{0}' must hold at most {1} tags", "'{0}' 最多 {1} 个标签");
    public static readonly Phrase ExclusiveClash = new(
        "'{0}' holds '{1}' and '{2}', both of exclusive group '{3}': a customer holds one of them; add one",
        "'{0}' 含 '{1}' 和 '{2}'，同属互斥标签组 '{3}'：客户只能有其中一个；请只加一个");
    public static readonly Phrase NamesRequired = new(
        "'names' must hold a name in at least one language, e.g. {{\"zh-CN\":\"肤质\",\"en\":\"Skin type\"}}",
        "'names' 至少要有一种语言的名称，如 {{\"zh-CN\":\"肤质\",\"en\":\"Skin type\"}}");
    public static readonly Phrase TooManyLanguages = new("'names' must hold at most {0} languages", "'names' 最多 {0} 种语言");
    public static readonly Phrase NotALanguage = new("'{0}' is not a BCP 47 language tag such as zh-CN or en", "'{0}' 不是 BCP 47 语言标记，如 zh-CN 或 en");
    public static readonly Phrase UnownedManagersOnly = new(
        "'owner': only managers and admins list the customers no one owns",
        "'owner'：只有经理和管理员能列出无人负责的客户");
    public static readonly Phrase NotYou = new("'owner': '{0}' is not you", "'owner'：'{0}' 不是你");
    public static readonly Phrase NotYouOrTeam = new("'owner': '{0}' is not you or a member of your team", "'owner'：'{0}' 不是你，也不是你团队的成员");
    public static readonly Phrase NotVisible = new("No customer '{0}' among the customers you may see", "你能查看的客户中没有 '{0}'");

    // Sign-in
    public static readonly Phrase SignInsLimited = new("Too many failed sign-ins for '{0}': try again in {1:0} s", "'{0}' 登录失败次数过多：请 {1:0} 秒后再试");
    public static readonly Phrase WrongPassword = new("Unknown staff member or wrong password", "员工不存在或密码错误");
    public static readonly Phrase ConsoleTokenNeeded = new(
        "This route needs a valid, unexpired console token as 'Authorization: Bearer <token>': sign in again",
        "此路由需要有效且未过期的控制台令牌，以 'Authorization: Bearer <token>' 发送：请重新登录");
    public static readonly Phrase StaffDisabled = new("Staff member '{0}' is disabled", "员工 '{0}' 已被停用");

    // API keys
    public static readonly Phrase KeyName = new("'name' must be 1-{0} characters without control characters", "'name' 须为 1-{0} 个字符，不含控制字符");
    public static readonly Phrase NoScopes = new("'scopes' must name at least one scope", "'scopes' 至少要有一个权限范围");
    public static readonly Phrase UnknownScopes = new("'scopes' has {0}; each must be one of {1}", "'scopes' 含有 {0}；每个都须为以下之一：{1}");
    public static readonly Phrase KeyInvalid = new("The key is invalid; nothing was stored", "密钥无效，未保存任何内容");
    public static readonly Phrase KeyLimit = new(
        "Tenant '{0}' has {1} open keys, as many as it may have; revoke one first",
        "租户 '{0}' 已有 {1} 个有效密钥，已达上限；请先吊销一个");
    public static readonly Phrase Overlap = new("'overlapMinutes' must be 0-{0}", "'overlapMinutes' 须为 0-{0}");
    public static readonly Phrase NoKey = new("Key '{0}' does not exist", "密钥 '{0}' 不存在");
    public static readonly Phrase NotOpenKey = new("Key '{0}' is not an open key of tenant '{1}'", "密钥 '{0}' 不是租户 '{1}' 的有效密钥");

    // Webhooks
    public static readonly Phrase WebhookInvalid = new("The subscription is invalid; nothing was stored", "订阅无效，未保存任何内容");
    public static readonly Phrase WebhookUnchanged = new("The subscription is invalid; nothing was changed", "订阅无效，未做任何更改");
    public static readonly Phrase WebhookLimit = new(
        "Tenant '{0}' has {1} subscriptions, as many as it may have; delete one first",
        "租户 '{0}' 已有 {1} 个订阅，已达上限；请先删除一个");
    public static readonly Phrase NoEventTypes = new("'eventTypes' must name at least one type", "'eventTypes' 至少要有一种事件类型");
    public static readonly Phrase TooManyEventTypes = new("'eventTypes' may name at most {0} types", "'eventTypes' 最多 {0} 种类型");
    public static readonly Phrase UnknownEventTypes = new(
        "'eventTypes' has {0}; each must be one of {1}, a family ({2}) or *",
        "'eventTypes' 含有 {0}；每个都须为以下之一：{1}，或一个类别（{2}），或 *");
    public static readonly Phrase BeforeDelivery = new("'before' must be a positive delivery id from a previous page", "'before' 须为上一页中的正整数投递 id");
    public static readonly Phrase NoDelivery = new("Subscription '{0}' of tenant '{1}' has no delivery {2}", "租户 '{1}' 的订阅 '{0}' 没有投递 {2}");
    public static readonly Phrase UrlTooLong = new("'url' must be at most {0} characters", "'url' 最多 {0} 个字符");
    public static readonly Phrase UrlControl = new(
        "'url' must not contain control characters or unpaired surrogates", "'url' 不能含控制字符或不成对的代理项");
    public static readonly Phrase UrlEdgeSpace = new(
        "'url' must not begin or end with white space: it is taken exactly as sent, nothing is trimmed",
        "'url' 的开头和结尾不能有空白：它按原样保存，不做任何修剪");
    public static readonly Phrase UrlSpace = new(
        "'url' must not contain white space: write a space in a path or query as %20", "'url' 不能含空白：路径或查询中的空格请写作 %20");
    public static readonly Phrase UrlBackslash = new("'url' must not contain '\\': separate its path with '/'", "'url' 不能含 '\\'：路径请用 '/' 分隔");
    public static readonly Phrase UrlFragment = new(
        "'url' must not have a fragment (#...): a fragment is never sent to the receiver", "'url' 不能有片段（#...）：片段永远不会发给接收方");
    public static readonly Phrase UrlUserInfo = new(
        "'url' must not carry user info (user:password@): the receiver checks the request's signature instead",
        "'url' 不能带用户信息（user:password@）：接收方应校验请求的签名");
    public static readonly Phrase UrlPort = new(
        "'url' has port {0}; a port is 1-65535 (or left out: 443 for https, 80 for http)",
        "'url' 的端口是 {0}；端口须为 1-65535（或省略：https 为 443，http 为 80）");
    public static readonly Phrase UrlHttps = new("'url' must be an absolute https URL", "'url' 须为绝对的 https URL");
    public static readonly Phrase UrlHttpsOrHttp = new("'url' must be an absolute https or http URL", "'url' 须为绝对的 https 或 http URL");
    public static readonly Phrase UrlNotPublic = new(
        "'url' targets {0}, a {1} address; webhooks go to public addresses only", "'url' 指向 {0}，这是{1}地址；webhook 只发往公网地址");
    public static readonly Phrase NoWebhook = new("Webhook subscription '{0}' does not exist", "Webhook 订阅 '{0}' 不存在");

    // Segments
    public static readonly Phrase SegmentsManagersOnly = new("Segments are for managers and admins", "客户分群仅供经理和管理员使用");
    public static readonly Phrase SegmentLimit = new("The tenant already has {0} segments; delete one first", "租户已有 {0} 个分群；请先删除一个");
    public static readonly Phrase SegmentOfStaff = new(
        "'segmentId': segment '{0}' was created by '{1}': only its creator or an admin changes or deletes it",
        "'segmentId'：分群 '{0}' 由 '{1}' 创建，只有创建者或管理员能修改或删除");
    public static readonly Phrase SegmentOfKey = new(
        "'segmentId': segment '{0}' was created by the integration key: only its creator or an admin changes or deletes it",
        "'segmentId'：分群 '{0}' 由集成密钥创建，只有创建者或管理员能修改或删除");
    public static readonly Phrase PreviewLimit = new("must be a whole number 0-{0}", "须为 0-{0} 的整数");
    public static readonly Phrase SegmentName = new(
        "must be 1-{0} characters of valid text without control characters",
        "须为 1-{0} 个字符的有效文本，不含控制字符");
    public static readonly Phrase SegmentDescription = new(
        "must be at most {0} characters of valid text without control characters (line breaks are fine)",
        "最多 {0} 个字符的有效文本，不含控制字符（可以换行）");
    public static readonly Phrase NotASegmentProperty = new("is not a property of a segment", "不是分群的属性");
    public static readonly Phrase NotAPreviewProperty = new("is not a property of a preview", "不是预览的属性");
    public static readonly Phrase SegmentInvalid = new("The segment is invalid; nothing was stored", "分群无效，未保存任何内容");
    public static readonly Phrase NoSegment = new("No segment '{0}' in this tenant", "本租户没有分群 '{0}'");

    // Campaigns
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

    // Identity imports
    public static readonly Phrase Header = new(
        "'body' line {0}: the first line must be the header customerId,kind,value",
        "'body' 第 {0} 行：第一行须为表头 customerId,kind,value");
    public static readonly Phrase EmptyUpload = new(
        "'body' is empty: the first line must be the header customerId,kind,value",
        "'body' 为空：第一行须为表头 customerId,kind,value");
    public static readonly Phrase TooManyRows = new("'body' holds more than {0:N0} rows", "'body' 超过 {0:N0} 行");
    public static readonly Phrase UploadTooLarge = new("'body' is larger than the upload limit ({0:N0} bytes)", "'body' 超过上传上限（{0:N0} 字节）");
    public static readonly Phrase NotUtf8 = new("'body' line {0} is not UTF-8 text", "'body' 第 {0} 行不是 UTF-8 文本");
    public static readonly Phrase NoRows = new("'body' holds no rows", "'body' 没有数据行");
    public static readonly Phrase LineTooLong = new("is longer than {0:N0} bytes", "超过 {0:N0} 字节");
    public static readonly Phrase Unterminated = new("has an unterminated quoted field", "有未闭合的引号字段");
    public static readonly Phrase NeverClosed = new("opens a quoted field that is never closed", "打开的引号字段始终未闭合");
    public static readonly Phrase TwiceInRow = new("is given twice: a row names each field once", "重复出现：每行每个字段只能给一次");
    public static readonly Phrase TwiceInBody = new("is given twice: a body names each field once", "重复出现：每个字段只能给一次");
    public static readonly Phrase RowFieldNotString = new("must be a string, not {0}", "须为字符串，而不是 {0}");
    public static readonly Phrase Columns = new("must have 3 columns (customerId,kind,value), not {0}", "须有 3 列（customerId,kind,value），而不是 {0} 列");
    public static readonly Phrase RowObject = new(
        "must be a JSON object {{\"customerId\",\"kind\",\"value\"}}",
        "须为 JSON 对象 {{\"customerId\",\"kind\",\"value\"}}");
    public static readonly Phrase SurrogateEscape = new(
        "is not valid Unicode text (an unpaired surrogate escape)",
        "不是有效的 Unicode 文本（含不成对的代理项转义）");
    public static readonly Phrase NotJson = new("is not JSON: {0}", "不是 JSON：{0}");
    public static readonly Phrase ImportDone = new(
        "'jobId': identity import '{0}' already completed ({1} added, {2} refused, {3} conflicts)",
        "'jobId'：身份导入 '{0}' 已完成（添加 {1}，拒绝 {2}，冲突 {3}）");
    public static readonly Phrase RowsAfter = new("'after' must be the line of a row of the previous page, or 0", "'after' 须为上一页某行的行号，或 0");
    public static readonly Phrase RowState = new(
        "'state' must be pending, added, unchanged, refused, conflict or cancelled",
        "'state' 须为 pending、added、unchanged、refused、conflict 或 cancelled");
    public static readonly Phrase NoImport = new("Identity import '{0}' does not exist", "身份导入 '{0}' 不存在");
    public static readonly Phrase NewCustomersAdminsOnly = new(
        "'createCustomers': only admins import identities of customers not known yet",
        "'createCustomers'：只有管理员能为尚未知道的客户导入身份");
    public static readonly Phrase ImportsManagersOnly = new("Only managers and admins import identities", "只有经理和管理员能导入身份");

    // Playbook
    public static readonly Phrase PlaybookAdminsOnly = new("The playbook is edited by admins only", "只有管理员能编辑运营剧本");
    public static readonly Phrase PlaybookErrors = new("The playbook has {0} error(s); nothing was stored", "运营剧本有 {0} 处错误，未保存任何内容");
    public static readonly Phrase VersionErrors = new("Version {0} no longer validates ({1} error(s)); nothing was stored", "版本 {0} 已无法通过校验（{1} 处错误），未保存任何内容");
    public static readonly Phrase DryRunErrors = new("The dry run has {0} error(s)", "试运行有 {0} 处错误");
    public static readonly Phrase CandidateErrors = new("The candidate playbook has {0} error(s)", "候选运营剧本有 {0} 处错误");
    public static readonly Phrase NoVersion = new("Tenant '{0}' has no playbook version {1}", "租户 '{0}' 没有运营剧本版本 {1}");
    public static readonly Phrase PlaybookObject = new("must be a playbook object, or null for the current one", "须为运营剧本对象，或用 null 表示当前的运营剧本");
    public static readonly Phrase UnknownCustomer = new("Nothing is known about customer '{0}'", "没有客户 '{0}' 的任何信息");

    // Text uploads (TextUpload)
    public static readonly Phrase Charset = new(
        "'Content-Type' charset '{0}' is not one this API reads: send utf-8, gb18030, gbk or another ASCII-compatible charset",
        "'Content-Type' 的字符集 '{0}' 无法读取：请用 utf-8、gb18030、gbk 或其他兼容 ASCII 的字符集");
    public static readonly Phrase RouteUploadLimit = new("'body' is larger than this route's upload limit", "'body' 超过此路由的上传上限");
    public static readonly Phrase LineNotText = new("'body' line {0} is not {1} text", "'body' 第 {0} 行不是 {1} 文本");
}
