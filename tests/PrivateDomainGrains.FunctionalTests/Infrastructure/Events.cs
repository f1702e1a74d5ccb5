namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>Event bodies as integrations post them.</summary>
public static class Events
{
    public static object FriendAdded(string id, string customerId, string staffId, string? nickname = null, DateTimeOffset? at = null) =>
        new { id, customerId, type = "friend.added", channel = "wecom", staffId, at, data = nickname is null ? null : new { nickname } };

    public static object MessageReceived(string id, string customerId, string text) =>
        new { id, customerId, type = "message.received", channel = "wecom", text };

    public static object FriendDeleted(string id, string customerId) => new { id, customerId, type = "friend.deleted" };

    public static object OrderPaid(string id, string customerId, string orderId, decimal amount) =>
        new { id, customerId, type = "order.paid", data = new { orderId, amount, currency = "CNY" } };
}
