using Orleans.Serialization.Cloning;
using PrivateDomainGrains.Core.Campaigns;

namespace PrivateDomainGrains.Abstractions.Campaigns;

/// <summary>How the core's <see cref="CampaignScript"/> crosses the wire to a customer grain (the core knows nothing of Orleans).</summary>
[GenerateSerializer, Alias("pdg.CampaignScript")]
public struct CampaignScriptSurrogate
{
    [Id(0)] public string Title;
    [Id(1)] public string Text;
    /// <summary>Each variant as id, title, text.</summary>
    [Id(2)] public string[][]? Variants;
}

[RegisterConverter]
public sealed class CampaignScriptConverter : IConverter<CampaignScript, CampaignScriptSurrogate>
{
    public CampaignScript ConvertFromSurrogate(in CampaignScriptSurrogate s) =>
        new(s.Title, s.Text, s.Variants?.Select(v => new CampaignVariant(v[0], v[1], v[2])).ToArray());

    public CampaignScriptSurrogate ConvertToSurrogate(in CampaignScript script) => new()
    {
        Title = script.Title,
        Text = script.Text,
        Variants = script.Variants?.Select(v => new[] { v.Id, v.Title, v.Text }).ToArray(),
    };
}

/// <summary>The script is an immutable record: copies may share it.</summary>
[RegisterCopier]
public sealed class CampaignScriptCopier : IDeepCopier<CampaignScript>
{
    public CampaignScript? DeepCopy(CampaignScript? input, CopyContext context) => input;
}
