using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>What the playbook's checks say under a JSON path (<see cref="PlaybookValidator"/>, <see cref="Template"/>). See <see cref="Phrase"/>.</summary>
public static class PlaybookPhrases
{
    public static readonly Phrase OneOrMore = new("must be 1 or more", "须为 1 或以上");
    public static readonly Phrase UnknownTimeZone = new("unknown time zone '{0}'", "未知的时区 '{0}'");
    public static readonly Phrase TenantMismatch = new("must be '{0}' (the tenant of this playbook) or absent", "须为 '{0}'（本运营剧本所属租户）或省略");

    public static readonly Phrase AtMostRules = new("at most {0} rules", "最多 {0} 条规则");
    public static readonly Phrase AtMostSequences = new("at most {0} sequences", "最多 {0} 个 SOP");
    public static readonly Phrase AtMostActions = new("at most {0} actions", "最多 {0} 个动作");
    public static readonly Phrase AtMostConditions = new("at most {0} conditions", "最多 {0} 个条件");
    public static readonly Phrase AtMostTags = new("at most {0} tags", "最多 {0} 个标签");
    public static readonly Phrase AtMostEventTypes = new("at most {0} event types", "最多 {0} 种事件类型");
    public static readonly Phrase AtMostVariants = new("at most {0} variants", "最多 {0} 个变体");
    public static readonly Phrase AtMostSteps = new("at most {0} steps", "最多 {0} 个步骤");
    public static readonly Phrase AtMostKeywords = new("at most {0} keywords", "最多 {0} 个关键词");
    public static readonly Phrase AtMostCaps = new("at most {0} caps", "最多 {0} 条频次上限");

    public static readonly Phrase NeedsAction = new("a rule needs at least one action", "规则至少需要一个动作");
    public static readonly Phrase NeedsTrigger = new("a rule needs a trigger", "规则需要一个触发条件");
    public static readonly Phrase FanOut = new(
        "the rules on the same trigger raise at most {0} nudges together; with this rule's {1} they would raise {2}",
        "同一触发条件上的规则合计最多产生 {0} 条提醒；加上本规则的 {1} 条将达到 {2} 条");
    public static readonly Phrase UnknownTier = new("unknown tier '{0}'", "未知的分层 '{0}'");
    public static readonly Phrase UnknownTierOf = new("unknown tier '{0}': one of {1}", "未知的分层 '{0}'，可选：{1}");
    public static readonly Phrase NamesDateField = new("names the date field, e.g. 'birthday'", "须填写日期字段名，如 'birthday'");
    public static readonly Phrase LocalTime = new("must be a local time HH:mm", "须为本地时间 HH:mm");
    public static readonly Phrase UnknownTriggerKind = new("unknown trigger kind '{0}': one of {1}", "未知的触发类型 '{0}'，可选：{1}");
    public static readonly Phrase TagListNeeded = new("give at least one of all, any, none", "请至少给出 all、any、none 之一");
    public static readonly Phrase TierList = new("list 1-{0} tiers", "须列出 1-{0} 个分层");
    public static readonly Phrase NumberRequired = new("a number is required", "须填写数字");
    public static readonly Phrase CounterBounds = new("must be between -{0:0} and {0:0}", "须在 -{0:0} 到 {0:0} 之间");
    public static readonly Phrase ChannelList = new("list 1-{0} channels of 1-{1} characters", "须列出 1-{0} 个渠道，每个 1-{1} 个字符");
    public static readonly Phrase EqualsOrExists = new("give exactly one of equals, exists", "equals 与 exists 须且只能给出一个");
    public static readonly Phrase UnknownConditionKind = new("unknown condition kind '{0}': one of {1}", "未知的条件类型 '{0}'，可选：{1}");
    public static readonly Phrase UnknownSequence = new("unknown sequence '{0}'", "未知的 SOP '{0}'");
    public static readonly Phrase UnknownActionKind = new("unknown action kind '{0}': one of {1}", "未知的动作类型 '{0}'，可选：{1}");
    public static readonly Phrase ReservedNudgeKind = new("'{0}' is reserved for campaigns' nudges", "'{0}' 保留给群发的提醒使用");
    public static readonly Phrase NeedsTitle = new("a nudge needs a title", "提醒需要标题");
    public static readonly Phrase NeedsScript = new("a nudge needs a script", "提醒需要话术");
    public static readonly Phrase NudgeChannel = new("1-{0} characters, or omit it for the customer's latest channel", "1-{0} 个字符；省略则用客户最近的渠道");
    public static readonly Phrase Share = new("must be a share from 0 to {0}", "须为 0 到 {0} 之间的比例");
    public static readonly Phrase HoldoutId = new("'{0}' names the held-out customers; choose another id", "'{0}' 用于对照组客户，请换一个 ID");
    public static readonly Phrase PositiveUpTo = new("must be a positive number up to {0:0}", "须为不超过 {0:0} 的正数");
    public static readonly Phrase Lever = new("must be 0-{0:0} (0 switches the rule's nudges off)", "须为 0-{0:0}（0 关闭该规则的提醒）");
    public static readonly Phrase NeedsStep = new("a sequence needs at least one step", "SOP 至少需要一个步骤");
    public static readonly Phrase StepsForward = new("steps must not go back in time", "步骤的时间不能倒退");
    public static readonly Phrase NeedsStepNudge = new("a step needs a nudge", "步骤需要一条提醒");
    public static readonly Phrase Keyword = new("must be 1-{0} characters, not only spaces", "须为 1-{0} 个字符，不能只有空格");
    public static readonly Phrase SuperUserNeeds = new("give at least one of minOrders, minSpend, maxDaysSinceOrder", "请至少给出 minOrders、minSpend、maxDaysSinceOrder 之一");
    public static readonly Phrase AllChannels = new("omit it for all channels", "适用于所有渠道时请省略");
    public static readonly Phrase QuietHoursDiffer = new("start and end must differ", "开始与结束时间不能相同");
    public static readonly Phrase RestAfterTouches = new("must be 0-{0} (0 turns the rest off)", "须为 0-{0}（0 关闭休息）");
    public static readonly Phrase StaffId = new("a staff id must be 1-128 characters of letters, digits and -_.:@", "员工 id 须为 1-128 个字符，只用字母、数字和 -_.:@");
    public static readonly Phrase DuplicateRuleId = new("duplicate rule id '{0}'", "规则 id '{0}' 重复");
    public static readonly Phrase DuplicateVariantId = new("duplicate variant id '{0}'", "变体 id '{0}' 重复");
    public static readonly Phrase DuplicateSequenceId = new("duplicate sequence id '{0}'", "SOP id '{0}' 重复");
    public static readonly Phrase DuplicateStepId = new("duplicate step id '{0}'", "步骤 id '{0}' 重复");
    public static readonly Phrase FieldName = new("names the profile field: 1-{0} characters", "须填写客户资料字段名：1-{0} 个字符");
    public static readonly Phrase UnknownEventType = new(
        "unknown event type '{0}': a v1 type or a custom type starting with 'x.'",
        "未知的事件类型 '{0}'：须为 v1 类型或以 'x.' 开头的自定义类型");
    public static readonly Phrase TagIs = new(
        "a tag is 1-64 characters of valid text without control or invisible format characters",
        "标签须为 1-64 个字符的有效文本，不含控制字符或不可见的格式字符");
    public static readonly Phrase TitleOneLine = new("{0}: a title is one line", "{0}：标题只能有一行");

    public static readonly Phrase UnmatchedBrace = new("unmatched '}}' at {0}", "第 {0} 位的 '}}' 没有配对");
    public static readonly Phrase UnclosedBrace = new("unclosed '{{' at {0}", "第 {0} 位的 '{{' 没有闭合");
    public static readonly Phrase UnknownPlaceholder = new("unknown placeholder {{{0}}}", "未知的占位符 {{{0}}}");
}
