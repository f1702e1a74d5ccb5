using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// The playbook and its dry run (PlaybookApi, ConsolePlaybookApi)
public static partial class ApiPhrases
{
    public static readonly Phrase PlaybookAdminsOnly = new("The playbook is edited by admins only", "只有管理员能编辑运营剧本");
    public static readonly Phrase PlaybookErrors = new("The playbook has {0} error(s); nothing was stored", "运营剧本有 {0} 处错误，未保存任何内容");
    public static readonly Phrase VersionErrors = new("Version {0} no longer validates ({1} error(s)); nothing was stored", "版本 {0} 已无法通过校验（{1} 处错误），未保存任何内容");
    public static readonly Phrase DryRunErrors = new("The dry run has {0} error(s)", "试运行有 {0} 处错误");
    public static readonly Phrase CandidateErrors = new("The candidate playbook has {0} error(s)", "候选运营剧本有 {0} 处错误");
    public static readonly Phrase NoVersion = new("Tenant '{0}' has no playbook version {1}", "租户 '{0}' 没有运营剧本版本 {1}");
    public static readonly Phrase PlaybookObject = new("must be a playbook object, or null for the current one", "须为运营剧本对象，或用 null 表示当前的运营剧本");
    public static readonly Phrase UnknownCustomer = new("Nothing is known about customer '{0}'", "没有客户 '{0}' 的任何信息");
}
