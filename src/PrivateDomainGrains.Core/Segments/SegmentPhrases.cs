using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Segments;

/// <summary>What a segment's filter check says under a JSON path (<see cref="SegmentFilterValidator"/>). See <see cref="Phrase"/>.</summary>
public static class SegmentPhrases
{
    public static readonly Phrase TeamName = new("must be 1-{0} characters of valid text", "须为 1-{0} 个字符的有效文本");
    public static readonly Phrase CurrencyTwice = new("'{0}' is given twice", "'{0}' 重复给出");
    public static readonly Phrase Within = new("must be within ±{0:0}", "须在 ±{0:0} 之内");
    public static readonly Phrase LastInteractionNeeds = new("give before, after, withinDays or notWithinDays", "请给出 before、after、withinDays 或 notWithinDays");
    public static readonly Phrase BeforeAfter = new("must be later than after", "须晚于 after");
    public static readonly Phrase FieldNames = new("field names must be 1-{0} characters of valid text", "字段名须为 1-{0} 个字符的有效文本");
    public static readonly Phrase FieldValue = new("must be a text of at most {0} characters", "须为最多 {0} 个字符的文本");
    public static readonly Phrase NoSuchOwner = new(
        "no staff member '{0}' is in the tenant's roster or owns a customer", "租户的员工名单中没有 '{0}'，也没有客户归其所有");
    public static readonly Phrase NoSuchTeam = new("no staff member of the tenant is in team '{0}'", "租户中没有员工属于团队 '{0}'");
    public static readonly Phrase NoSuchField = new(
        "no customer holds custom field '{0}' and the playbook sets none by that name", "没有客户有自定义字段 '{0}'，剧本也不设置此字段");
    public static readonly Phrase ListItems = new("must list 1-{0} items (leave it out for everyone)", "须列出 1-{0} 项（不限时请省略）");
}
