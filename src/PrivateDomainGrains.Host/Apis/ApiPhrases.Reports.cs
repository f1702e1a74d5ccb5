using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Reports (ReportsApi)
public static partial class ApiPhrases
{
    public static readonly Phrase ReportDate = new(
        "'{0}' must be a date as yyyy-MM-dd from {1:yyyy-MM-dd} to {2:yyyy-MM-dd}", "'{0}' 须为 {1:yyyy-MM-dd} 到 {2:yyyy-MM-dd} 之间 yyyy-MM-dd 格式的日期");
    public static readonly Phrase ToBeforeFrom = new("'to' must not be before 'from'", "'to' 不能早于 'from'");
    public static readonly Phrase ToWithin = new("'to' must be within {0} days of 'from'", "'to' 须在 'from' 之后 {0} 天以内");
    public static readonly Phrase OverdueAfter = new(
        "'overdueAfter' must be a duration like 5m, 2h, 3d or 1w, at most 3650d, more than 0",
        "'overdueAfter' 须为大于零的时长，如 5m、2h、3d 或 1w，最长 3650d");
    public static readonly Phrase NotInYourTeam = new("'staffId': '{0}' is not in your team", "'staffId'：'{0}' 不在你的团队中");
}
