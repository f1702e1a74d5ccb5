namespace PrivateDomainGrains.Core.Events;

/// <summary>The v1 event vocabulary. Integrations may add their own types under the <c>x.</c> prefix.</summary>
public static class EventTypes
{
    public const string FriendAdded = "friend.added";
    public const string FriendDeleted = "friend.deleted";
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MomentLiked = "moment.liked";
    public const string MomentCommented = "moment.commented";
    public const string OrderPaid = "order.paid";
    public const string OrderRefunded = "order.refunded";
    public const string PageViewed = "page.viewed";
    public const string GroupJoined = "group.joined";
    public const string GroupLeft = "group.left";
    public const string CustomPrefix = "x.";

    public static readonly IReadOnlyList<string> Known =
    [
        FriendAdded, FriendDeleted, MessageReceived, MessageSent, MomentLiked, MomentCommented,
        OrderPaid, OrderRefunded, PageViewed, GroupJoined, GroupLeft,
    ];

    public static bool IsValid(string? type) =>
        type is not null && (Known.Contains(type) || IsCustom(type));

    private static bool IsCustom(string type) =>
        type.Length is > 2 and <= 64 && type.StartsWith(CustomPrefix, StringComparison.Ordinal)
        && type.AsSpan(2).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") < 0;
}
