using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Persistence;

/// <summary>Tuning of the group-commit writer.</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "GroupCommit";

    /// <summary>Rows (events + nudges + acks + due-index changes) at most in one transaction.</summary>
    [Range(1, 100_000)] public int MaxRowsPerFlush { get; set; } = 4_000;

    /// <summary>Transactions in flight at once: while one commits, the next batch fills.</summary>
    [Range(1, 64)] public int ConcurrentFlushes { get; set; } = 4;
}
