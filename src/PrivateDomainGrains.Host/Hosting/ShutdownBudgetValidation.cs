using Microsoft.Extensions.Options;
using PrivateDomainGrains.Grains.Customers;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// At start-up: <c>Health:StopTimeout</c> leaves <see cref="Margin"/> after <c>Customers:ShutdownSnapshotBudget</c>, for
/// the customers past the budget to deactivate without a snapshot and the silo to leave the cluster. A stop that ran
/// out of time instead would cut the deactivations short, one error line per customer still deactivating.
/// </summary>
public sealed class ShutdownBudgetValidation(IOptions<CustomerGrainOptions> customers) : IValidateOptions<HealthOptions>
{
    /// <summary>What the rest of a stop needs after the snapshot budget: a million residents deactivated in about 10 s here (README, "Stopping").</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var budget = customers.Value.ShutdownSnapshotBudget;
        return options.StopTimeout >= budget + Margin
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Health:StopTimeout ({options.StopTimeout}) must be at least Customers:ShutdownSnapshotBudget ({budget}) plus {Margin.TotalSeconds:0} s");
    }
}
