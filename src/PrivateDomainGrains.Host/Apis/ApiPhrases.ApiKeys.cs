using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// API keys (ApiKeysApi)
public static partial class ApiPhrases
{
    public static readonly Phrase KeyName = new("'name' must be 1-{0} characters without control characters", "'name' 须为 1-{0} 个字符，不含控制字符");
    public static readonly Phrase NoScopes = new("'scopes' must name at least one scope", "'scopes' 至少要有一个权限范围");
    public static readonly Phrase UnknownScopes = new("'scopes' has {0}; each must be one of {1}", "'scopes' 含有 {0}；每个都须为以下之一：{1}");
    public static readonly Phrase KeyInvalid = new("The key is invalid; nothing was stored", "密钥无效，未保存任何内容");
    public static readonly Phrase KeyLimit = new(
        "Tenant '{0}' has {1} open keys, as many as it may have; revoke one first",
        "租户 '{0}' 已有 {1} 个有效密钥，已达上限；请先吊销一个");
    public static readonly Phrase NoKey = new("Key '{0}' does not exist", "密钥 '{0}' 不存在");
    public static readonly Phrase NotOpenKey = new("Key '{0}' is not an open key of tenant '{1}'", "密钥 '{0}' 不是租户 '{1}' 的有效密钥");
}
