using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Identity imports (IdentityImportsApi)
public static partial class ApiPhrases
{
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
}
