using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Campaigns;

namespace PrivateDomainGrains.Grains.Campaigns;

/// <summary>Persisted campaign. JSON names are the storage contract.</summary>
public sealed class CampaignState
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("segmentId")] public string SegmentId { get; set; } = "";
    [JsonPropertyName("segmentVersion")] public int SegmentVersion { get; set; }
    [JsonPropertyName("script")] public CampaignScript Script { get; set; } = new("", "");
    [JsonPropertyName("startAt")] public DateTimeOffset StartAt { get; set; }
    [JsonPropertyName("endAt")] public DateTimeOffset EndAt { get; set; }
    [JsonPropertyName("by")] public string By { get; set; } = "";
    /// <summary>Whose customers it reaches; null: the whole tenant.</summary>
    [JsonPropertyName("owners")] public string[]? Owners { get; set; }
    [JsonPropertyName("state")] public string State { get; set; } = "";
    /// <summary>The segment's count when the first page was read; 0 until then.</summary>
    [JsonPropertyName("total")] public long Total { get; set; }
    [JsonPropertyName("raised")] public long Raised { get; set; }
    [JsonPropertyName("held")] public long Held { get; set; }
    [JsonPropertyName("suppressed")] public long Suppressed { get; set; }
    [JsonPropertyName("failed")] public long Failed { get; set; }
    /// <summary>The customer id of the last member of the last finished page: where a resumed campaign continues.</summary>
    [JsonPropertyName("after")] public string? After { get; set; }
    /// <summary>The moment the first page was listed as of: every page lists the segment as of it, so pages and total agree.</summary>
    [JsonPropertyName("listedAt")] public DateTimeOffset? ListedAt { get; set; }
    /// <summary>Where the pacing runs from: the last resume (null: the window's start); what is left then spreads to the window's end.</summary>
    [JsonPropertyName("pacedFrom")] public DateTimeOffset? PacedFrom { get; set; }
    /// <summary>Members reached at <see cref="PacedFrom"/> (0 with no resume).</summary>
    [JsonPropertyName("pacedFromReached")] public long PacedFromReached { get; set; }
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; set; }

    [JsonIgnore] public long Reached => Raised + Held + Suppressed + Failed;
}
