using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;
using static PrivateDomainGrains.Host.Apis.PersonalDataApi;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>The tenant's audit log: every administrative action, newest first (admin key).</summary>
public static class AuditApi
{
    /// <param name="NextBefore">The <c>before</c> of the next (older) page; null on the last page.</param>
    public sealed record AuditPage(IReadOnlyList<AuditItem> Items, long? NextBefore);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{tenant}/audit", ListAsync).WithName("ListAudit").WithTags("Audit").RequireAdminKey()
            .WithSummary("Administrative actions (who, what, which customer, when, from where, how it ended), newest first, paged with ?before=<id>&limit=<1-500> (100 by default); ?customerId= for one customer's.")
            .WithProblem(StatusCodes.Status400BadRequest, "'limit' is not 1-500, 'before' is not a positive id, or 'customerId' is not a valid id");
        return api;
    }

    internal static AuditItem Item(AuditEntryRow r) => new(r.Id, r.At, r.Actor, r.Action, r.CustomerId, r.Target, r.Status, r.RemoteAddress);

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ListAsync(
        string tenant, string? customerId, [Range(typeof(long), "1", WholeNumbers.LongMax)] long? before,
        [Range(1, AuditLog.MaxPageSize)] int? limit, AuditLog audit)
    {
        if (customerId is not null && !Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        if (limit is < 1 or > AuditLog.MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, AuditLog.MaxPageSize));
        if (before is < 1) return Problems.BadRequest("before", ApiPhrases.BeforeId.Say());
        var pageSize = limit ?? 100;
        var rows = await audit.PageAsync(tenant, customerId, before ?? long.MaxValue, pageSize + 1);
        var items = rows.Take(pageSize).Select(Item).ToList();
        return TypedResults.Ok(new AuditPage(items, rows.Count > pageSize ? items[^1].Id : null));
    }
}
