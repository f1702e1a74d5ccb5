using System.Globalization;
using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>Events as integrations post them.</summary>
public static class Events
{
    public static PostedEvent FriendAdded(string id, string customerId, string staffId, string? nickname = null, DateTimeOffset? at = null) =>
        new(id, customerId, "friend.added", at, "wecom", staffId, Data: nickname is null ? null : new Dictionary<string, string> { ["nickname"] = nickname });

    public static PostedEvent MessageReceived(string id, string customerId, string text) =>
        new(id, customerId, "message.received", Channel: "wecom", Text: text);

    public static PostedEvent FriendDeleted(string id, string customerId) => new(id, customerId, "friend.deleted");

    public static PostedEvent OrderPaid(string id, string customerId, string orderId, decimal amount, string currency = "CNY", DateTimeOffset? at = null) =>
        new(id, customerId, "order.paid", At: at, Data: new Dictionary<string, string>
        {
            ["orderId"] = orderId, ["amount"] = amount.ToString(CultureInfo.InvariantCulture), ["currency"] = currency,
        });
}
