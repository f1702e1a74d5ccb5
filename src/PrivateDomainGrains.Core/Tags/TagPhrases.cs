using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Tags;

/// <summary>
/// What the tag catalog refuses (after the field it is about: <c>'tag': ...</c>) and why a tag job's row failed,
/// worded in the caller's language by the grains that decide it. See <see cref="Phrase"/>.
/// </summary>
public static class TagPhrases
{
    // The catalog (TenantTagCatalogGrain)
    public static readonly Phrase GroupExists = new("Tag group '{0}' exists", "标签组 '{0}' 已存在");
    public static readonly Phrase NoGroup = new("Tag group '{0}' does not exist", "标签组 '{0}' 不存在");
    public static readonly Phrase InCatalog = new("Tag '{0}' is in the catalog", "标签 '{0}' 已在标签库中");
    public static readonly Phrase NotInCatalog = new("Tag '{0}' is not in the catalog", "标签 '{0}' 不在标签库中");
    public static readonly Phrase NoSuchTag = new(
        "Tag '{0}' is not in the catalog and no customer holds it", "标签 '{0}' 不在标签库中，也没有客户持有");
    public static readonly Phrase GroupNameTaken = new(
        "Tag group '{1}' is named '{0}' already: give this group another name", "标签组 '{1}' 已叫 '{0}'：请给本组另起名称");
    public static readonly Phrase TagNameTaken = new(
        "Tag '{1}' of group '{2}' is shown as '{0}' already: give this tag another name", "标签组 '{2}' 中的标签 '{1}' 已显示为 '{0}'：请给本标签另起名称");
    public static readonly Phrase UngroupedTagNameTaken = new(
        "Tag '{1}', outside any group as this one, is shown as '{0}' already: give this tag another name", "同样不在任何组中的标签 '{1}' 已显示为 '{0}'：请给本标签另起名称");
    public static readonly Phrase RenameOntoTag = new(
        "Tag '{0}' is in the catalog: merge '{1}' into it instead", "标签 '{0}' 已在标签库中：请改为把 '{1}' 合并到它");
    public static readonly Phrase BeingDeleted = new(
        "Tag '{0}' is being deleted (tag job {1}): send this again when that job has finished",
        "标签 '{0}' 正在被删除（标签任务 {1}）：请在该任务完成后再发送");
    public static readonly Phrase BeingRenamed = new(
        "Tag '{0}' is being renamed into '{2}' (tag job {1}): send this again when that job has finished",
        "标签 '{0}' 正在被改名为 '{2}'（标签任务 {1}）：请在该任务完成后再发送");
    public static readonly Phrase BeingMerged = new(
        "Tag '{0}' is being merged into '{2}' (tag job {1}): send this again when that job has finished",
        "标签 '{0}' 正在被合并到 '{2}'（标签任务 {1}）：请在该任务完成后再发送");
    public static readonly Phrase InBatch = new(
        "Tag '{0}' is being added or removed by batch tag job {1}: send this again when that job has finished (or cancel it)",
        "批量标签任务 {1} 正在添加或移除标签 '{0}'：请在该任务完成（或取消）后再发送");
    public static readonly Phrase AddedByBatch = new(
        "Tag '{0}' of this group is being added by batch tag job {1}, whose adds the group's exclusivity decides: send this again when that job has finished (or cancel it)",
        "批量标签任务 {1} 正在添加本组的标签 '{0}'，其效果取决于本组是否互斥：请在该任务完成（或取消）后再发送");
    public static readonly Phrase HeldTogether = new(
        "{0} customers hold two or more of [{1}], which exclusive group '{2}' does not allow: remove all but one from them (a tag job) and send this again",
        "{0} 位客户持有 [{1}] 中的两个或更多，互斥标签组 '{2}' 不允许：请先（用标签任务）只给他们留下一个，再发送");

    // A tag job's failed row (the host stages it, TagJobGrain works it in the language of the request that started the job)
    public static readonly Phrase NoHolder = new("no customer holds this {0}", "没有客户持有此 {0}");
}
