using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Identity;

/// <summary>Why an identity is refused, after the field's name (<see cref="IdentityNormalizer"/>, identity imports). See <see cref="Phrase"/>.</summary>
public static class IdentityPhrases
{
    public static readonly Phrase NotAKind = new("is not an identity kind: use {0}", "不是身份类型：请用 {0}");
    public static readonly Phrase Empty = new("must not be empty", "不能为空");
    public static readonly Phrase ControlOrSurrogate = new("must not contain control characters or unpaired surrogates", "不能含控制字符或不成对的代理项");
    public static readonly Phrase Token = new("must be 1-{0} characters of letters, digits, '-' and '_'", "须为 1-{0} 个字符，只用字母、数字、'-' 和 '_'");
    public static readonly Phrase NotAPhone = new("is not a phone number", "不是电话号码");
    public static readonly Phrase InvalidPhone = new(
        "is not a valid phone number (national numbers are read as {0}; write others with their country code, +44 ...)",
        "不是有效的电话号码（国内号码按 {0} 解读；其他地区请带国家代码，如 +44 ...）");
    public static readonly Phrase NotAnEmail = new("is not an email address", "不是电子邮件地址");
    public static readonly Phrase NotUnicode = new("is not valid Unicode text", "不是有效的 Unicode 文本");
    public static readonly Phrase Nickname = new("must be 1-{0} characters without control characters", "须为 1-{0} 个字符，不含控制字符");
    public static readonly Phrase WeakNickname = new(
        "nickname is weak: many customers may share one, so it is not indexed",
        "昵称是弱身份：多位客户可能同名，因此不建索引");
    public static readonly Phrase HeldBy = new("{0} '{1}' already names customer '{2}'", "{0} '{1}' 已属于客户 '{2}'");
    public static readonly Phrase HeldByAnother = new("{0} '{1}' already names another customer", "{0} '{1}' 已属于另一位客户");
    public static readonly Phrase TakenMeanwhile = new("another customer took {0} '{1}' meanwhile", "{0} '{1}' 在此期间已被另一位客户占用");
    public static readonly Phrase UnknownInTeam = new(
        "customer '{0}' does not exist or is not one of your team's customers",
        "客户 '{0}' 不存在，或不是你团队的客户");
    public static readonly Phrase UnknownCustomer = new(
        "customer '{0}' does not exist (no event, owner, tags or identity yet): identities are added to known customers; send its first event, or say the customers may be new ({1})",
        "客户 '{0}' 不存在（尚无事件、负责人、标签或身份）：身份只添加给已知客户；请先发送它的第一个事件，或声明客户可以是新的（{1}）");
    public static readonly Phrase Erased = new(
        "customer '{0}' was erased (its personal data deleted): no identity is added to it again",
        "客户 '{0}' 已被擦除（个人数据已删除）：不再为其添加身份");
}
