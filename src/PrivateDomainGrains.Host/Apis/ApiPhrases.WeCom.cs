using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// WeCom settings (WeComApi)
public static partial class ApiPhrases
{
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
}
