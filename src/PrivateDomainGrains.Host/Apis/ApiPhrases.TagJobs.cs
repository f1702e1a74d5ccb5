using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Tag jobs (TagJobsApi, TagJobCsv, ConsoleTagsApi)
public static partial class ApiPhrases
{
    public static readonly Phrase CustomerIdsCount = new("'customerIds' must hold 1-{0:N0} customer ids", "'customerIds' 须有 1-{0:N0} 个客户 id");
    public static readonly Phrase NoTagJob = new("Tag job '{0}' does not exist", "标签任务 '{0}' 不存在");
    public static readonly Phrase CatalogJobKept = new(
        "'jobId': tag job '{0}' changes the holders of a catalog {1}, which cannot be cancelled",
        "'jobId'：标签任务 '{0}' 在变更标签库 {1} 所涉及的持有者，不能取消");
    public static readonly Phrase TagJobDone = new(
        "'jobId': tag job '{0}' already completed ({1} done, {2} failed)", "'jobId'：标签任务 '{0}' 已完成（完成 {1}，失败 {2}）");
    public static readonly Phrase SeqAfter = new("'after' must be the seq of a row of the previous page, or 0", "'after' 须为上一页某行的 seq，或 0");
    public static readonly Phrase TagRowStatus = new("'status' must be pending, changed, unchanged or failed", "'status' 须为 pending、changed、unchanged 或 failed");
    public static readonly Phrase OneSource = new("Give exactly one of 'customerIds', 'filter' and 'segmentId'", "'customerIds'、'filter' 和 'segmentId' 须恰好给出一个");
    public static readonly Phrase NoSegmentOfTenant = new("'segmentId': the tenant has no segment '{0}'", "'segmentId'：本租户没有分群 '{0}'");
    public static readonly Phrase AddOrRemove = new("'add' and 'remove' must name at least one tag between them", "'add' 和 'remove' 合起来至少要有一个标签");
    public static readonly Phrase AddedAndRemoved = new("'remove' must not hold '{0}', which 'add' holds", "'remove' 不能含 'add' 已有的 '{0}'");
    public static readonly Phrase FilterEmpty = new(
        "'filter' must give at least one of tagsAny, tagsAll, owner, tier and status", "'filter' 至少要给出 tagsAny、tagsAll、owner、tier 和 status 之一");
    public static readonly Phrase StartTagJobsManagersOnly = new("Only admins and managers start tag jobs", "只有管理员和经理能启动标签任务");
    public static readonly Phrase ReadTagJobsManagersOnly = new("Only admins and managers read tag jobs", "只有管理员和经理能查看标签任务");
    public static readonly Phrase CancelTagJobsManagersOnly = new("Only admins and managers cancel tag jobs", "只有管理员和经理能取消标签任务");
    public static readonly Phrase ManagerByIds = new(
        "'customerIds': a manager tags by 'segmentId', or by 'filter' with an 'owner' of their team",
        "'customerIds'：经理按 'segmentId' 打标签，或按带本团队 'owner' 的 'filter' 打标签");
    public static readonly Phrase ManagerOwner = new(
        "'filter.owner' must be a staff member of the manager's team (or the manager)", "'filter.owner' 须为经理团队的员工（或经理本人）");
    public static readonly Phrase CatalogAdminsOnly = new("Only admins change the tag catalog", "只有管理员能修改标签库");
    public static readonly Phrase CsvNeverClosed = new("'body' line {0}: a quoted field is never closed", "'body' 第 {0} 行：引号字段始终未闭合");
    public static readonly Phrase CsvLineTooLong = new("'body' line {0} is longer than {1:N0} bytes", "'body' 第 {0} 行超过 {1:N0} 字节");
    public static readonly Phrase CsvUnterminated = new("'body' line {0}: an unterminated quoted field", "'body' 第 {0} 行：有未闭合的引号字段");
    public static readonly Phrase CsvCustomerId = new("'body' line {0}: a customer id {1}", "'body' 第 {0} 行：客户 id {1}");
    public static readonly Phrase CsvIdentityKind = new("'body' line {0}: the identity kind {1}", "'body' 第 {0} 行：身份类型{1}");
    public static readonly Phrase CsvIdentityValue = new("'body' line {0}: the identity value {1}", "'body' 第 {0} 行：身份值{1}");
    public static readonly Phrase CsvColumns = new(
        "'body' line {0}: one column (a customer id) or two (kind,value), not {1}", "'body' 第 {0} 行：须为一列（客户 id）或两列（kind,value），而不是 {1} 列");
    public static readonly Phrase CsvTooManyCustomers = new("'body' must hold at most {0:N0} customers", "'body' 最多 {0:N0} 位客户");
    public static readonly Phrase CsvNoCustomer = new("'body' must name at least one customer", "'body' 至少要有一位客户");
}
