namespace PrivateDomainGrains.Grains.Storage;

/// <summary>The one way to wire Orleans' own storage on PostgreSQL, used by the host and by the grain tests' cluster alike.</summary>
public static class PlatformStorageSiloBuilderExtensions
{
    /// <summary>The ADO.NET provider invariant Orleans' PostgreSQL providers (storage, reminders, clustering) are given.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Orleans' own storage on the platform's PostgreSQL: the "platform" grain storage (tenants, staff, playbooks,
    /// learning models, handovers; state as <see cref="StorageJson"/>) and the reminder service. Customers store through
    /// the platform's persistence instead (<c>AddPlatformPersistence</c>), which the silo needs as well.
    /// </summary>
    public static ISiloBuilder AddPlatformStorage(this ISiloBuilder silo, string connectionString)
    {
        silo.AddAdoNetGrainStorage(PlatformStorage.Name, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new JsonGrainStateSerializer();
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }
}
