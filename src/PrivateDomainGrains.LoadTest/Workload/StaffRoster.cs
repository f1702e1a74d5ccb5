namespace PrivateDomainGrains.LoadTest.Workload;

/// <summary>
/// Naming and ownership for a run's staff and customers. Customers are owned round-robin, and consoles are
/// spread round-robin too, so console j belongs to staff j mod staff-count.
/// </summary>
public sealed class StaffRoster(int staffCount)
{
    public int StaffCount { get; } = staffCount > 0 ? staffCount : throw new ArgumentOutOfRangeException(nameof(staffCount));

    public static string CustomerId(long index) => $"c-{index}";

    public string StaffId(int index) => $"staff-{index % StaffCount}";

    public string OwnerOf(long customerIndex) => StaffId((int)(customerIndex % StaffCount));

    public IEnumerable<string> AllStaff() => Enumerable.Range(0, StaffCount).Select(StaffId);

    public string StaffOfConsole(int consoleIndex) => StaffId(consoleIndex % StaffCount);

    public IReadOnlySet<string> StaffWithConsoles(int consoles) =>
        Enumerable.Range(0, Math.Min(consoles, StaffCount)).Select(StaffId).ToHashSet(StringComparer.Ordinal);
}
