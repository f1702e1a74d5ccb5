using System.Globalization;
using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// <c>/api/v1/tenants/{tenant}/reports/execution</c> (integration key: the whole tenant) and its console twin
/// <c>/api/v1/console/reports/execution</c> (a staff member's console token: an admin sees the tenant, a manager their
/// team, anyone else themself).
/// </summary>
public sealed class ReportsClient
{
    private readonly PlatformHttp _http;

    internal ReportsClient(PlatformHttp http) => _http = http;

    /// <summary>
    /// Execution of the nudges raised from <paramref name="from"/> to <paramref name="to"/> (inclusive), grouped by
    /// <paramref name="groupBy"/> (<c>staff</c>, <c>team</c>, <c>rule</c>, <c>variant</c> or <c>day</c>); open nudges
    /// older than <paramref name="overdueAfter"/> (a duration like <c>30m</c>, 1h by default) count as overdue (<c>GetExecutionReport</c>).
    /// </summary>
    /// <exception cref="PlatformApiException">400 naming the parameter that is wrong.</exception>
    public Task<ExecutionReport> GetExecutionAsync(DateOnly from, DateOnly to, string groupBy = "staff", string? overdueAfter = null,
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("reports/execution") + ReportQuery(from, to, groupBy, overdueAfter), _http.IntegrationKey, null,
            idempotent: true, ClientJson.Default.ExecutionReport, cancellationToken);

    /// <summary>The overdue nudges now, oldest first, of <paramref name="staffId"/> or everyone, at most <paramref name="limit"/> (1-500, 100) (<c>GetExecutionOverdue</c>).</summary>
    public Task<OverdueNudges> GetOverdueAsync(string? overdueAfter = null, string? staffId = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("reports/execution/overdue") + OverdueQuery(overdueAfter, staffId, limit), _http.IntegrationKey, null,
            idempotent: true, ClientJson.Default.OverdueNudges, cancellationToken);

    /// <summary>As <see cref="GetExecutionAsync"/>, for the staff member signed in with <paramref name="accessToken"/> (<c>GetConsoleExecutionReport</c>).</summary>
    public Task<ExecutionReport> GetConsoleExecutionAsync(string accessToken, DateOnly from, DateOnly to, string groupBy = "staff", string? overdueAfter = null,
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/console/reports/execution" + ReportQuery(from, to, groupBy, overdueAfter), accessToken, null,
            idempotent: true, ClientJson.Default.ExecutionReport, cancellationToken);

    /// <summary>As <see cref="GetOverdueAsync"/>, for the staff member signed in with <paramref name="accessToken"/> (<c>GetConsoleExecutionOverdue</c>).</summary>
    /// <exception cref="PlatformApiException">403 when <paramref name="staffId"/> is outside the caller's team.</exception>
    public Task<OverdueNudges> GetConsoleOverdueAsync(string accessToken, string? overdueAfter = null, string? staffId = null, int? limit = null,
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/console/reports/execution/overdue" + OverdueQuery(overdueAfter, staffId, limit), accessToken, null,
            idempotent: true, ClientJson.Default.OverdueNudges, cancellationToken);

    private static string ReportQuery(DateOnly from, DateOnly to, string groupBy, string? overdueAfter) =>
        $"?from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" +
        $"&groupBy={PlatformHttp.Escape(groupBy)}" + (overdueAfter is null ? "" : $"&overdueAfter={PlatformHttp.Escape(overdueAfter)}");

    private static string OverdueQuery(string? overdueAfter, string? staffId, int? limit)
    {
        var query = string.Join("&", new[]
        {
            overdueAfter is null ? null : $"overdueAfter={PlatformHttp.Escape(overdueAfter)}",
            staffId is null ? null : $"staffId={PlatformHttp.Escape(staffId)}",
            limit is { } l ? $"limit={l}" : null,
        }.OfType<string>());
        return query.Length > 0 ? "?" + query : "";
    }
}
