using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// Maps a decrypted WeCom callback onto the platform's events. The customer is the ExternalUserID, the staff member the
/// UserID (it must be the staffId of a staff member of the tenant), the time WeCom's CreateTime. The table, and why the
/// callbacks we do not map are left out, is in README.md ("WeCom callbacks").
/// </summary>
public static class WeComEventMapper
{
    public const string Channel = "wecom";
    public const string ContactEvent = "change_external_contact";
    public const string ChatEvent = "change_external_chat";
    public const string TagEvent = "change_external_tag";
    public const string TransferFailedType = "x.wecom.transfer-failed";
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>
    /// The event a callback becomes, or why it becomes none. <paramref name="fields"/> are the plaintext's top-level
    /// elements (<see cref="WeComXml.ReadFields"/>); <paramref name="corpId"/> is the tenant's, already checked.
    /// </summary>
    public static WeComMapping Map(string corpId, IReadOnlyDictionary<string, string> fields)
    {
        var evt = Field(fields, "Event");
        var changeType = Field(fields, "ChangeType");
        var userId = Field(fields, "UserID");
        var externalUserId = Field(fields, "ExternalUserID");
        WeComMapping Ignore(string reason) => new(evt, changeType, userId, externalUserId, null, WeComOutcome.Ignored, reason);
        WeComMapping Malformed(string reason) => new(evt, changeType, userId, externalUserId, null, WeComOutcome.Malformed, reason);

        switch (evt)
        {
            case ChatEvent:
                return Ignore("customer group chat callbacks carry the chat id only; members and details need WeCom's API, which the platform does not call");
            case TagEvent:
                return Ignore("corporate tag callbacks carry tag ids only; names and members need WeCom's API, which the platform does not call");
            case not ContactEvent:
                return Ignore($"'{evt ?? "(no Event)"}' is not a customer-contact callback");
        }

        (string? type, Dictionary<string, string> data) = changeType switch
        {
            "add_external_contact" => (EventTypes.FriendAdded, Data(fields, ("State", "state"), ("WelcomeCode", "welcomeCode"))),
            // The customer added a staff member who accepts without verification; the staff member has not added them
            // back yet, but they can already chat and WeCom hands out a welcome code: for the platform they are friends.
            "add_half_external_contact" => (EventTypes.FriendAdded, Data(fields, ("State", "state"), ("WelcomeCode", "welcomeCode")).With("relation", "half")),
            "del_external_contact" => (EventTypes.FriendDeleted, Data(fields, ("Source", "source")).With("deletedBy", "staff")),
            "del_follow_user" => (EventTypes.FriendDeleted, Data(fields).With("deletedBy", "customer")),
            "transfer_fail" => (TransferFailedType, Data(fields, ("FailReason", "failReason"))),
            _ => (null, []),
        };
        if (type is null)
            return Ignore(changeType == "edit_external_contact"
                ? "a staff member edited the contact's remark or tags; the callback carries ids only (details need WeCom's API), and recording it would count as an interaction with a customer who did nothing"
                : $"change type '{changeType ?? "(none)"}' is not mapped");

        if (!long.TryParse(Field(fields, "CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime) || createTime > MaxUnixSeconds)
            return Malformed("CreateTime is missing or not a Unix time in seconds");
        if (string.IsNullOrEmpty(externalUserId)) return Malformed("ExternalUserID is missing");
        if (string.IsNullOrEmpty(userId)) return Malformed("UserID is missing");

        data["corpId"] = corpId;
        data["changeType"] = changeType!;
        var customerEvent = new CustomerEvent(
            EventId(corpId, fields), externalUserId, type, DateTimeOffset.FromUnixTimeSeconds(createTime),
            Channel, userId, null, data);
        return new WeComMapping(evt, changeType, userId, externalUserId, customerEvent, WeComOutcome.Accepted, null);
    }

    /// <summary>
    /// <c>wecom:{ChangeType}:{CreateTime}:{h}</c>, h = the first 16 bytes (32 hex digits) of SHA-256 over the tenant's
    /// CorpID and every top-level field of the decrypted callback, sorted by name, each written as
    /// "{name length}:{name}={value length}:{value}\n" (UTF-8; the lengths keep a value from passing as the next field).
    /// WeCom retries a callback it got no answer to with the same plaintext, so a retry gets the same id and is a
    /// duplicate. Any two different callbacks differ in some field (a second add of the same customer in the same second
    /// has another WelcomeCode or State; a deletion by transfer another Source; a failed transfer another FailReason), so
    /// they never share an id, whichever app (AgentID) of whichever corp sent them; the same callback delivered through
    /// two apps of one corp is one event, recorded once. Hashed because UserIDs reach 64 characters and ids are capped at 128.
    /// </summary>
    /// <param name="fields">The plaintext's top-level elements (<see cref="WeComXml.ReadFields"/>) with ChangeType and CreateTime.</param>
    public static string EventId(string corpId, IReadOnlyDictionary<string, string> fields)
    {
        var canonical = new StringBuilder().Append(corpId.Length).Append(':').Append(corpId).Append('\n');
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            canonical.Append(name.Length).Append(':').Append(name).Append('=').Append(value.Length).Append(':').Append(value).Append('\n');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return $"wecom:{fields["ChangeType"]}:{fields["CreateTime"]}:{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    private static string? Field(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static Dictionary<string, string> Data(IReadOnlyDictionary<string, string> fields, params (string Field, string Key)[] copies)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, key) in copies)
        {
            // Event data values are capped at 1,000 characters; WeCom's are far shorter, but a cut value beats a lost event.
            if (Field(fields, field) is { } value) data[key] = value[..StorableText.FittingPrefix(value, EventValidator.MaxDataValueLength)];
        }
        return data;
    }

    private static Dictionary<string, string> With(this Dictionary<string, string> data, string key, string value)
    {
        data[key] = value;
        return data;
    }
}

/// <summary>What a callback named and what became of it: the event to ingest, or the outcome and reason it has none.</summary>
public sealed record WeComMapping(
    string? Event, string? ChangeType, string? UserId, string? ExternalUserId, CustomerEvent? CustomerEvent, WeComOutcome Outcome, string? Detail);
