using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>What any route, grain or job says of a customer the platform knows nothing of yet. See <see cref="Phrase"/>.</summary>
public static class CustomerPhrases
{
    public static readonly Phrase NotYet = new("Customer '{0}' has no events, owner or tags yet", "客户 '{0}' 尚无事件、负责人或标签");
}
