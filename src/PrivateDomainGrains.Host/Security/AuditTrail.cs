using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Where the host records administrative and staff actions (<see cref="AuditLog"/>): after the action, awaited, and a
/// failure to record is logged as an error without undoing or failing the action that was already taken.
/// </summary>
public sealed class AuditTrail(AuditLog log, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(AuditRecord record)
    {
        try
        {
            await log.AppendAsync(record);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recording {Action} by {Actor} of tenant {Tenant} in the audit log failed", record.Action, record.Actor, record.Tenant);
        }
    }
}
