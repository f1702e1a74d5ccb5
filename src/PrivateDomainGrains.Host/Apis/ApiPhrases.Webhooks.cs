using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Webhooks (WebhooksApi, Webhooks/WebhookUrls.cs)
public static partial class ApiPhrases
{
    public static readonly Phrase UrlSubscribed = new(
        "'url' is subscribed already by {0} ({1}): change that subscription's event types instead",
        "'url' 已被 {0}（{1}）订阅：请改为修改那个订阅的事件类型");
    public static readonly Phrase WebhookInvalid = new("The subscription is invalid; nothing was stored", "订阅无效，未保存任何内容");
    public static readonly Phrase WebhookUnchanged = new("The subscription is invalid; nothing was changed", "订阅无效，未做任何更改");
    public static readonly Phrase WebhookLimit = new(
        "Tenant '{0}' has {1} subscriptions, as many as it may have; delete one first",
        "租户 '{0}' 已有 {1} 个订阅，已达上限；请先删除一个");
    public static readonly Phrase NoEventTypes = new("'eventTypes' must name at least one type", "'eventTypes' 至少要有一种事件类型");
    public static readonly Phrase TooManyEventTypes = new("'eventTypes' may name at most {0} types", "'eventTypes' 最多 {0} 种类型");
    public static readonly Phrase UnknownEventTypes = new(
        "'eventTypes' has {0}; each must be one of {1}, a family ({2}) or *",
        "'eventTypes' 含有 {0}；每个都须为以下之一：{1}，或一个类别（{2}），或 *");
    public static readonly Phrase BeforeDelivery = new("'before' must be a positive delivery id from a previous page", "'before' 须为上一页中的正整数投递 id");
    public static readonly Phrase NoDelivery = new("Subscription '{0}' of tenant '{1}' has no delivery {2}", "租户 '{1}' 的订阅 '{0}' 没有投递 {2}");
    public static readonly Phrase UrlControl = new(
        "'url' must not contain control characters or unpaired surrogates", "'url' 不能含控制字符或不成对的代理项");
    public static readonly Phrase UrlEdgeSpace = new(
        "'url' must not begin or end with white space: it is taken exactly as sent, nothing is trimmed",
        "'url' 的开头和结尾不能有空白：它按原样保存，不做任何修剪");
    public static readonly Phrase UrlSpace = new(
        "'url' must not contain white space: write a space in a path or query as %20", "'url' 不能含空白：路径或查询中的空格请写作 %20");
    public static readonly Phrase UrlBackslash = new("'url' must not contain '\\': separate its path with '/'", "'url' 不能含 '\\'：路径请用 '/' 分隔");
    public static readonly Phrase UrlFragment = new(
        "'url' must not have a fragment (#...): a fragment is never sent to the receiver", "'url' 不能有片段（#...）：片段永远不会发给接收方");
    public static readonly Phrase UrlUserInfo = new(
        "'url' must not carry user info (user:password@): the receiver checks the request's signature instead",
        "'url' 不能带用户信息（user:password@）：接收方应校验请求的签名");
    public static readonly Phrase UrlPort = new(
        "'url' has port {0}; a port is 1-65535 (or left out: 443 for https, 80 for http)",
        "'url' 的端口是 {0}；端口须为 1-65535（或省略：https 为 443，http 为 80）");
    public static readonly Phrase UrlHttps = new("'url' must be an absolute https URL", "'url' 须为绝对的 https URL");
    public static readonly Phrase UrlHttpsOrHttp = new("'url' must be an absolute https or http URL", "'url' 须为绝对的 https 或 http URL");
    public static readonly Phrase UrlNotPublic = new(
        "'url' targets {0}, a {1} address; webhooks go to public addresses only", "'url' 指向 {0}，这是{1}地址；webhook 只发往公网地址");
    public static readonly Phrase NoWebhook = new("Webhook subscription '{0}' does not exist", "Webhook 订阅 '{0}' 不存在");
}
