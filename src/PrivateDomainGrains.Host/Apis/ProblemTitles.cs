using Microsoft.AspNetCore.WebUtilities;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The <c>title</c> of every ProblemDetails the API answers, in the request's language like its <c>detail</c>
/// (<see cref="Phrase"/>): one per status, and a few that say more (a customer erased, a node stopping).
/// </summary>
public static class ProblemTitles
{
    public static readonly Phrase InvalidRequest = new("Invalid request", "请求无效");
    public static readonly Phrase Unauthorized = new("Unauthorized", "未认证");
    public static readonly Phrase Forbidden = new("Forbidden", "无权访问");
    public static readonly Phrase NotFound = new("Not found", "未找到");
    public static readonly Phrase MethodNotAllowed = new("Method not allowed", "不支持该方法");
    public static readonly Phrase Conflict = new("Conflict", "冲突");
    public static readonly Phrase Erased = new("Erased", "已抹除");
    public static readonly Phrase TooLarge = new("Request too large", "请求过大");
    public static readonly Phrase UnsupportedMediaType = new("Unsupported media type", "不支持的媒体类型");
    public static readonly Phrase TooManyRequests = new("Too many requests", "请求过多");
    public static readonly Phrase ServerError = new("Server error", "服务器出错");
    public static readonly Phrase Unavailable = new("Temporarily unavailable", "暂时不可用");
    public static readonly Phrase NodeStopping = new("This node is stopping", "此节点正在停止");
    public static readonly Phrase WrongCorpId = new("Wrong CorpID", "CorpID 不符");

    /// <summary>The title of <paramref name="status"/> in the request's language; the status's reason phrase for one the API does not answer with.</summary>
    public static string For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest.Say(),
        StatusCodes.Status401Unauthorized => Unauthorized.Say(),
        StatusCodes.Status403Forbidden => Forbidden.Say(),
        StatusCodes.Status404NotFound => NotFound.Say(),
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed.Say(),
        StatusCodes.Status409Conflict => Conflict.Say(),
        StatusCodes.Status413PayloadTooLarge => TooLarge.Say(),
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType.Say(),
        StatusCodes.Status429TooManyRequests => TooManyRequests.Say(),
        StatusCodes.Status500InternalServerError => ServerError.Say(),
        StatusCodes.Status503ServiceUnavailable => Unavailable.Say(),
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    /// <summary>
    /// <c>CustomizeProblemDetails</c>: a problem the framework wrote with its own English title (an unhandled exception's
    /// 500, "Not Found") gets the status's title in the request's language; a title the API chose is kept.
    /// </summary>
    public static void Word(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status is { } status && (problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status) || problem.Title == FrameworkServerError))
            problem.Title = For(status);
    }

    /// <summary>The title ASP.NET Core gives a 500 (<c>ProblemDetailsDefaults</c>).</summary>
    private const string FrameworkServerError = "An error occurred while processing your request.";
}
