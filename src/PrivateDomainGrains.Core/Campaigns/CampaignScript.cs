using System.IO.Hashing;
using System.Text;
using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Campaigns;

/// <summary>
/// What a campaign (群发) asks each member's owner to send: a title and a text with the playbook template's
/// placeholders (<c>{name}</c>, <c>{tier}</c>, <c>{field.city}</c>...; <see cref="Playbooks.Template"/>), or one of
/// <see cref="Variants"/>, chosen per customer by a hash of the customer and campaign ids (stable across restarts).
/// JSON names are the storage contract (the campaign grain's state).
/// </summary>
public sealed record CampaignScript(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("variants")] CampaignVariant[]? Variants = null)
{
    /// <summary>The variant <paramref name="customerId"/> gets in <paramref name="campaignId"/>; null without variants.</summary>
    public CampaignVariant? VariantFor(string customerId, string campaignId)
    {
        if (Variants is not { Length: > 0 } variants) return null;
        var hash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(campaignId + "\n" + customerId));
        return variants[(int)(hash % (ulong)variants.Length)];
    }
}

/// <summary>One variant of a campaign's script: its id (reported per variant in the execution reports), title and text.</summary>
public sealed record CampaignVariant(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text);

/// <summary>How campaign nudges are named: source <c>campaign:{id}</c>, an id derived from the customer and the campaign.</summary>
public static class CampaignNudges
{
    public const string Kind = "campaign";

    private const string SourcePrefix = "campaign:";
    private const string ReasonPrefix = "campaign ";

    /// <summary>The nudge source, the unit execution reports group by (<c>groupBy=rule</c>).</summary>
    public static string Source(string campaignId) => SourcePrefix + campaignId;

    /// <summary>The campaign that raised a nudge of <paramref name="source"/>, or null when a rule or SOP step did.</summary>
    public static string? CampaignOf(string? source) =>
        source is not null && source.StartsWith(SourcePrefix, StringComparison.Ordinal) && source.Length > SourcePrefix.Length
            ? source[SourcePrefix.Length..] : null;

    /// <summary>Why a campaign's nudge was raised: <c>campaign {id}</c> (consoles word it with the campaign's name).</summary>
    public static string Reason(string campaignId) => ReasonPrefix + campaignId;

    /// <summary>The campaign a nudge of <paramref name="kind"/> raised for <paramref name="reason"/> names, or null when not a campaign's.</summary>
    public static string? CampaignOfReason(string kind, string reason) =>
        kind == Kind && reason.StartsWith(ReasonPrefix, StringComparison.Ordinal) && reason.Length > ReasonPrefix.Length
            ? reason[ReasonPrefix.Length..] : null;

    /// <summary>One id per customer and campaign: raising it again (a campaign page worked twice) stores nothing new.</summary>
    public static string IdFor(string customerId, string campaignId) => NudgeIds.For(customerId + "/" + Source(campaignId), Kind);
}
