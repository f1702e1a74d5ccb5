using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// The tag catalog and merges (TagsApi, TagGroupsApi, CustomerMergesApi, ConsoleCustomerMergesApi)
public static partial class ApiPhrases
{
    public static readonly Phrase RenameToItself = new("'to' must differ from the tag renamed", "'to' 须与被改名的标签不同");
    public static readonly Phrase MergeIntoItself = new("'into' must differ from the tag merged", "'into' 须与被合并的标签不同");
    public static readonly Phrase TagChangeStarting = new(
        "The same change is being started as tag job {0}: send it again shortly", "同一更改正作为标签任务 {0} 启动：请稍后再发送");
    public static readonly Phrase OtherTenantsCustomer = new(
        "'absorbedTenant' is '{0}': customers of tenant '{1}' never merge with another tenant's", "'absorbedTenant' 是 '{0}'：租户 '{1}' 的客户从不与其他租户的客户合并");
    public static readonly Phrase MergeManagersOnly = new("Only managers and admins merge customers", "只有经理和管理员能合并客户");
    public static readonly Phrase UndoMergeManagersOnly = new("Only managers and admins undo merges", "只有经理和管理员能撤销合并");
}
