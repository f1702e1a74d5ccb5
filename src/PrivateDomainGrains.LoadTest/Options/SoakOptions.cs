namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>
/// The soak preset's own settings. <paramref name="Tenants"/> tenants share the run's customers and events/s as
/// <see cref="Share"/> splits them; <c>--staff</c> and <c>--consoles</c> are each tenant's. <paramref name="PostgresDataDirectory"/> is the data directory of the PostgreSQL
/// server whose CPU is read from <c>/proc</c> (the cluster's own with <c>--nodes</c>, or <c>--pg-data</c> with
/// <c>--targets</c>; null: PostgreSQL CPU is not measured).
/// </summary>
public sealed record SoakOptions(int Tenants, string? PostgresDataDirectory)
{
    public const int DefaultTenants = 5;
    public const int DefaultCustomers = 200_000;
    public const double DefaultRate = 10_000;
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Tenant <paramref name="tenant"/>'s share of <paramref name="total"/> when split over <see cref="Tenants"/>:
    /// as even as whole numbers allow, the first tenants taking one more each (200,000 over 5: 40,000 each; 7 over 3: 3, 2, 2).
    /// </summary>
    public int Share(int total, int tenant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tenant);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tenant, Tenants);
        return total / Tenants + (tenant < total % Tenants ? 1 : 0);
    }

    /// <summary>Tenant <paramref name="tenant"/>'s id: the run's tenant id with its number, <c>lt-20261130-160000-t0</c>.</summary>
    public static string TenantId(string runTenant, int tenant) => $"{runTenant}-t{tenant}";
}
