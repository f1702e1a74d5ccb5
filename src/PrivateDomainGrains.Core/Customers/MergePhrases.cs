using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Why a merge of two customers, or its undo, is refused (the customer grain's and storage's checks, worded in the
/// caller's language while the grain call runs). See <see cref="Phrase"/>.
/// </summary>
public static class MergePhrases
{
    public static readonly Phrase MergedInto = new("customer '{0}' was merged into '{1}': merge into that one", "客户 '{0}' 已被合并到 '{1}'：请合并到那一位");
    public static readonly Phrase IntoItself = new("customer '{0}' cannot be merged into itself", "客户 '{0}' 不能合并到自己");
    public static readonly Phrase Erased = new("the personal data of customer '{0}' was erased at {1:O}", "客户 '{0}' 的个人数据已于 {1:O} 抹除");
    public static readonly Phrase MergedAlready = new("customer '{0}' was merged into '{1}' already", "客户 '{0}' 已被合并到 '{1}'");
    public static readonly Phrase MergedMeanwhile = new("customer '{0}' was merged into '{1}' meanwhile", "客户 '{0}' 在此期间已被合并到 '{1}'");
    public static readonly Phrase ChangedWhileMerged = new("customer '{0}' changed while it was being merged: ask again", "客户 '{0}' 在合并过程中发生了变化：请再试一次");

    // An undo
    public static readonly Phrase ItselfMergedSince = new(
        "customer '{0}' was itself merged into '{1}' since: undo that merge first", "客户 '{0}' 此后自己也被合并到了 '{1}'：请先撤销那次合并");
    public static readonly Phrase NoMergeOf = new("customer '{0}' has no merge '{1}'", "客户 '{0}' 没有合并 '{1}'");
    public static readonly Phrase NoMerge = new("no merge '{0}'", "没有合并 '{0}'");
    public static readonly Phrase UndoneAt = new("merge '{0}' was undone at {1:O}", "合并 '{0}' 已于 {1:O} 撤销");
    public static readonly Phrase UndoneAlready = new("merge '{0}' was undone already", "合并 '{0}' 已撤销");
    public static readonly Phrase LaterMerge = new(
        "customer '{0}' was merged into customer '{1}' since (merge '{2}'): undo that merge first",
        "此后客户 '{0}' 被合并到了客户 '{1}'（合并 '{2}'）：请先撤销那次合并");
    public static readonly Phrase ChangedSince = new("customer '{0}' changed since merge '{1}': {2}", "客户 '{0}' 在合并 '{1}' 之后发生了变化：{2}");
    public static readonly Phrase EventsArrived = new("{0} events arrived", "收到了 {0} 个事件");
    public static readonly Phrase TagsChanged = new("its tags changed (now: {0})", "它的标签变了（现在：{0}）");
    public static readonly Phrase OwnerChanged = new("its owner changed to '{0}'", "它的负责人变成了 '{0}'");
    public static readonly Phrase DecidedSince = new(
        "it decided since (a nudge response, a timer or SOP step, or an edit)", "此后它有过决策（对提醒的响应、计时器或 SOP 步骤，或一次编辑）");
    public static readonly Phrase EventsSince = new("customer '{0}' received {1} events since the merge", "合并之后客户 '{0}' 收到了 {1} 个事件");
    public static readonly Phrase IdentitiesMoved = new(
        "identities it moved no longer name customer '{0}': {1}", "它移过来的身份不再属于客户 '{0}'：{1}");
}
