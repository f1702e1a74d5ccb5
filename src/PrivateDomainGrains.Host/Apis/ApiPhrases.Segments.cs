using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Segments (SegmentsApi)
public static partial class ApiPhrases
{
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
}
