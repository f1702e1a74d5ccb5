using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Handovers (HandoversApi)
public static partial class ApiPhrases
{
    public static readonly Phrase HandoverToSelf = new(
        "'toStaffId' must be another staff member than the one handing over", "'toStaffId' 须是交接人以外的另一位员工");
    public static readonly Phrase NoHandover = new("Handover '{0}' does not exist", "交接 '{0}' 不存在");
}
