using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Keys and rate limits (Security)
public static partial class ApiPhrases
{
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
}
