using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Identity;

/// <summary>
/// The identity kinds and the order resolution tries them in (issue 14): <c>unionid</c> (WeChat, across a company's
/// apps), <c>external_userid</c> (WeCom, per company), <c>openid:{appId}</c> (one WeChat app's user id), <c>phone</c>,
/// <c>order</c> (an order id the customer gives), <c>email</c>; then <c>nickname</c>, the only weak kind: many
/// customers may share one, so it never matches a customer by itself.
/// </summary>
public static class IdentityKinds
{
    public const string UnionId = "unionid", ExternalUserId = "external_userid", OpenId = "openid", Phone = "phone",
        Order = "order", Email = "email", Nickname = "nickname";

    /// <summary>The kinds a request may name, as a message lists them ("unionid, ... email or nickname").</summary>
    public static readonly WordedList Listed = WordedList.Or([UnionId, ExternalUserId, OpenId + ":{appId}", Phone, Order, Email, Nickname]);

    /// <summary>0 for the strongest (unionid) to 5 (email); nickname 9; -1 for an unknown kind (or an openid without a valid app id).</summary>
    public static int Priority(string kind) => kind switch
    {
        UnionId => 0,
        ExternalUserId => 1,
        _ when kind.StartsWith(OpenId + ":", StringComparison.Ordinal) && IsAppId(kind[(OpenId.Length + 1)..]) => 2,
        Phone => 3,
        Order => 4,
        Email => 5,
        Nickname => 9,
        _ => -1,
    };

    public static bool IsStrong(string kind) => Priority(kind) is >= 0 and < 9;

    public static bool IsKnown(string kind) => Priority(kind) >= 0;

    /// <summary>A WeChat app id (<c>wx</c> and 16 hex digits in practice): 1-64 letters, digits, '-' and '_'.</summary>
    private static bool IsAppId(string appId) =>
        appId.Length is > 0 and <= 64 && appId.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');
}
