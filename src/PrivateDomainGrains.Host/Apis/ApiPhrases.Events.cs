using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Events (EventsApi, EventAdmission)
public static partial class ApiPhrases
{
    public static readonly Phrase TenantInFlight = new(
        "This tenant already has {0:N0} events in progress on this node.", "本租户在此节点上已有 {0:N0} 个事件正在处理。");
    public static readonly Phrase NodeInFlight = new("This node already has {0:N0} events in progress.", "此节点已有 {0:N0} 个事件正在处理。");
    public static readonly Phrase ShedRetry = new(
        "{0} Retry the same request after Retry-After; nothing of it was stored.", "{0}请在 Retry-After 之后重发同一请求；其中的内容均未保存。");
    public static readonly Phrase EventsNotStored = new(
        "The events could not all be stored. Retry the same request: events already stored are reported as duplicates.",
        "这些事件未能全部保存。请重发同一请求：已保存的事件会报告为重复。");
}
