using PrivateDomainGrains.LoadTest.Api;

namespace PrivateDomainGrains.LoadTest.Run;

/// <param name="Owners">Customer id to owner, for every customer whose friend.added the server acknowledged.</param>
public sealed record ProvisioningResult(
    TenantCredentials Credentials,
    bool TenantCreated,
    int StaffCreated,
    IReadOnlyDictionary<string, string> Owners,
    long CustomersFailed,
    TimeSpan Elapsed);
