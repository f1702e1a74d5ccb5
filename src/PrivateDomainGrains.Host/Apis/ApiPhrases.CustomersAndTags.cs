using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Customers' tags, the tag catalog's names and the console's customer list
public static partial class ApiPhrases
{
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
}
