using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// What the HTTP API says in its ProblemDetails (the <c>detail</c> and the <c>errors</c> by field) and in the rows of its
/// jobs (the console shows them): one file per API area (<c>ApiPhrases.Webhooks.cs</c>, <c>ApiPhrases.TagJobs.cs</c>...),
/// this one holding what any route says. Worded in the request's language (<see cref="Phrase"/>,
/// <c>Hosting/LanguageHostingExtensions.cs</c>).
/// </summary>
public static partial class ApiPhrases
{
    // Any resource
    public static readonly Phrase FieldRequired = new("'{0}' is required", "'{0}' 必填");
    public static readonly Phrase FieldTooLong = new("'{0}' must be at most {1} characters", "'{0}' 最多 {1} 个字符");
    public static readonly Phrase FieldInFuture = new("'{0}' must be in the future", "'{0}' 须是将来的时间");
    public static readonly Phrase FieldBetween = new("'{0}' must be {1}-{2}", "'{0}' 须为 {1}-{2}");
    public static readonly Phrase PageToken = new("'{0}' must be the 'next' of a previous page, as it was", "'{0}' 须为上一页原样给出的 'next'");
    public static readonly Phrase FieldEmpty = new("'{0}' must not be empty", "'{0}' 不能为空");
    /// <summary>A message about a field after its name: <c>'tag': Tag 'vip' is in the catalog</c>.</summary>
    public static readonly Phrase FieldSays = new("'{0}': {1}", "'{0}'：{1}");
    public static readonly Phrase FieldOneOf = new("'{0}' must be one of {1}", "'{0}' 须为以下之一：{1}");
    public static readonly Phrase TrueOrFalse = new("'{0}' must be true or false", "'{0}' 须为 true 或 false");
    public static readonly Phrase BodyTooLarge = new("The body is {0} bytes; at most {1:N0}", "请求体有 {0} 字节，最多 {1:N0}");
    public static readonly Phrase BodyExceeds = new("The body exceeds {0} bytes", "请求体超过 {0} 字节");
    public static readonly Phrase ContentTypeCsv = new("'Content-Type' must be text/csv", "'Content-Type' 须为 text/csv");
    public static readonly Phrase ContentTypeCsvOrNdjson = new(
        "'Content-Type' must be text/csv or application/x-ndjson", "'Content-Type' 须为 text/csv 或 application/x-ndjson");

    // A request no route takes, a parameter that does not bind (Hosting/StatusCodeProblems.cs, BadParameterHandler.cs)
    public static readonly Phrase NoRoute = new(
        "Nothing answers {0} {1}: the routes are listed in /openapi/v1.json", "没有路由处理 {0} {1}：路由列于 /openapi/v1.json");
    public static readonly Phrase MethodNotTaken = new(
        "{0} does not take {1}: see /openapi/v1.json for the methods it takes", "{0} 不接受 {1}：它接受的方法见 /openapi/v1.json");
    public static readonly Phrase ParameterInvalid = new("The parameter '{0}' is not valid.", "参数 '{0}' 无效。");
    public static readonly Phrase RequestUnreadable = new("The request could not be read.", "无法读取该请求。");
    public static readonly Phrase BodyNotOfShape = new("the body is not JSON of the expected shape", "请求体不是预期形状的 JSON");
    public static readonly Phrase ParameterNotOf = new("'{0}' must be {1}, not '{2}'", "'{0}' 须为 {1}，而不是 '{2}'");
    public static readonly Phrase ParameterControl = new("'{0}' must be {1} (it holds control characters)", "'{0}' 须为 {1}（其中含控制字符）");
    public static readonly Phrase ExpectedForm = new("of the expected form", "预期的形式");

    // Refusals the exception handlers and a stopping node write
    public static readonly Phrase CustomerErased = new(
        "refused: the personal data of customer '{0}' was erased at {1}; nothing about it is stored again",
        "已拒绝：客户 '{0}' 的个人数据已于 {1} 抹除；不再保存任何关于它的内容");
    public static readonly Phrase TransientFailure = new(
        "The platform could not complete the request just now (storage or a node is being replaced). Retry it; writes are idempotent by id.",
        "平台此刻无法完成该请求（存储或某个节点正在更换）。请重试；按 id 写入是幂等的。");
    public static readonly Phrase ConnectElsewhere = new("Connect the console to another node.", "请把控制台连接到另一个节点。");
}
