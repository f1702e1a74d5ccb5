using System.IO.Hashing;
using System.Runtime.InteropServices;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// Which variant of a nudge action a customer gets, for good: a number in [0, 1) from a hash (XXH64) of the customer
/// and the action's source. Below the holdout share the customer is held out; the rest of the range is divided among
/// the variants in proportion to their weights. The same customer and action always land in the same place, on every
/// node and after every restart, and customers spread over the range evenly, so each arm gets its share.
/// </summary>
public static class VariantAssignment
{
    /// <summary>The variant id for the customer (<see cref="PlaybookValidator.HoldoutVariant"/> when held out), or null when the action is not under test.</summary>
    public static string? Of(NudgeTemplate template, string customerId, string source)
    {
        if (template.Variants is null && template.Holdout <= 0) return null;
        var u = Unit(customerId, source);
        if (u < template.Holdout) return PlaybookValidator.HoldoutVariant;
        if (template.Variants is not { } variants) return null;
        var point = (u - template.Holdout) / (1 - template.Holdout) * variants.Sum(v => v.Weight);
        foreach (var variant in variants)
        {
            if (point < variant.Weight) return variant.Id;
            point -= variant.Weight;
        }
        return variants[^1].Id;
    }

    /// <summary>The customer's place in [0, 1) for the action.</summary>
    public static double Unit(string customerId, string source)
    {
        var hash = new XxHash64();
        hash.Append(MemoryMarshal.AsBytes(customerId.AsSpan()));
        hash.Append([0xFF, 0xFE]);
        hash.Append(MemoryMarshal.AsBytes(source.AsSpan()));
        // The top 53 bits: exactly representable, uniform in [0, 1).
        return (hash.GetCurrentHashAsUInt64() >> 11) * (1.0 / (1UL << 53));
    }
}
