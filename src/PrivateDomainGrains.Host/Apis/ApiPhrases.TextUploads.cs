using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Text uploads (TextUpload)
public static partial class ApiPhrases
{
    public static readonly Phrase Charset = new(
        "'Content-Type' charset '{0}' is not one this API reads: send utf-8, gb18030, gbk or another ASCII-compatible charset",
        "'Content-Type' 的字符集 '{0}' 无法读取：请用 utf-8、gb18030、gbk 或其他兼容 ASCII 的字符集");
    public static readonly Phrase RouteUploadLimit = new("'body' is larger than this route's upload limit", "'body' 超过此路由的上传上限");
    public static readonly Phrase LineNotText = new("'body' line {0} is not {1} text", "'body' 第 {0} 行不是 {1} 文本");
}
