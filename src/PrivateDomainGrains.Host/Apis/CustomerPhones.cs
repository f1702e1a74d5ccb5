using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// A customer's phone numbers come from its identities (the identity index), which the customer grain does not hold:
/// the routes answering a customer add them to the grain's view.
/// </summary>
public static class CustomerPhones
{
    /// <summary>The view with <see cref="CustomerView.Phones"/> read from the identity index (one indexed query).</summary>
    public static async Task<CustomerView> WithPhonesAsync(this CustomerView view, string tenant, IdentityIndex identities) =>
        view with { Phones = await identities.ValuesAsync(tenant, view.CustomerId, IdentityKinds.Phone) };
}
