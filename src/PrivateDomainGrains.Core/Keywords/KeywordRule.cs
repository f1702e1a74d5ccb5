namespace PrivateDomainGrains.Core.Keywords;

/// <summary>When an inbound message contains <paramref name="Keyword"/> (folded, see <see cref="TextFold"/>), the customer gets <paramref name="Tag"/>.</summary>
public sealed record KeywordRule(string Keyword, string Tag);
