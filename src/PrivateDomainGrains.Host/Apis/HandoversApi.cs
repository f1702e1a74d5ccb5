using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Handovers;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>Bulk handover (离职继承 / 在职转接): every customer of a staff member, with history and open nudges, to another (admin key).</summary>
public static class HandoversApi
{
    /// <param name="ToStaffId">Who takes the customers over: another staff member of the tenant.</param>
    /// <param name="Departure">
    /// The staff member is leaving (离职继承): disabled at once (sign-in refused, sessions ended), recorded as gone with
    /// the new staff member as successor (events that still name them count as the successor's), and the customers they
    /// only follow move too.
    /// </param>
    public sealed record HandoverRequest(string ToStaffId, bool Departure = false);

    /// <summary>The handover runs in the background; poll <see cref="StatusUrl"/> (also the Location header).</summary>
    public sealed record HandoverAccepted(string HandoverId, string StatusUrl, HandoverView Handover);

    public static RouteGroupBuilder MapHandoversApi(this RouteGroupBuilder api)
    {
        var tenant = api.MapGroup("/tenants/{tenant}").WithTags("Handovers").RequireAdminKey();
        tenant.MapPost("/staff/{staffId}/handover", StartAsync).WithName("StartHandover").Audited()
            .WithSummary("Hand every customer of this staff member to another; a departure disables the leaver first. 202 with a status URL.")
            .WithJsonBody<HandoverRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A staff id is not a valid id, or both are the same staff member")
            .WithProblem(StatusCodes.Status404NotFound, "Either staff member is not in the tenant");
        tenant.MapGet("/handovers/{handoverId}", GetAsync).WithName("GetHandover")
            .WithSummary("A handover's progress: from, to, state (running, completed), total, moved, failed, startedAt, finishedAt.")
            .WithProblem(StatusCodes.Status400BadRequest, "The handover id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such handover in the tenant");
        return api;
    }

    private static async Task<Results<Accepted<HandoverAccepted>, ProblemHttpResult>> StartAsync(string tenant, string staffId, HttpRequest request, IGrainFactory grains)
    {
        if (!Ids.IsValid(staffId)) return Problems.InvalidId("staffId");
        var (body, problem) = await JsonBody.ReadAsync<HandoverRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.ToStaffId)) return Problems.InvalidId("toStaffId");
        if (string.Equals(staffId, body.ToStaffId, StringComparison.Ordinal))
            return Problems.BadRequest("toStaffId", ApiPhrases.HandoverToSelf.Say());
        foreach (var id in new[] { staffId, body.ToStaffId })
        {
            if (await grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, id)).GetAsync() is null)
                return Problems.NotFound(ApiPhrases.NoStaff.Say(id, tenant));
        }

        if (body.Departure) await grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId)).DisableAsync();
        var handoverId = Guid.NewGuid().ToString("N");
        var view = await grains.GetGrain<IHandoverGrain>(GrainKeys.For(tenant, handoverId)).StartAsync(staffId, body.ToStaffId, body.Departure);
        var statusUrl = $"/api/v1/tenants/{tenant}/handovers/{handoverId}";
        return TypedResults.Accepted(statusUrl, new HandoverAccepted(handoverId, statusUrl, view));
    }

    private static async Task<Results<Ok<HandoverView>, ProblemHttpResult>> GetAsync(string tenant, string handoverId, IGrainFactory grains)
    {
        if (!Ids.IsValid(handoverId)) return Problems.InvalidId("handoverId");
        var view = await grains.GetGrain<IHandoverGrain>(GrainKeys.For(tenant, handoverId)).GetAsync();
        return view is null ? Problems.NotFound(ApiPhrases.NoHandover.Say(handoverId)) : TypedResults.Ok(view);
    }
}
