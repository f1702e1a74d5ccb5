namespace PrivateDomainGrains.Abstractions;

/// <summary>
/// Tenant-scoped grain keys. '/' is not allowed in ids, so "tenant/id" is unambiguous and one tenant's grains
/// can never collide with another's.
/// </summary>
public static class GrainKeys
{
    public static string For(string tenant, string id) => tenant + "/" + id;

    public static (string Tenant, string Id) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0) throw new ArgumentException($"'{key}' is not a tenant-scoped grain key", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }
}
