using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// What the tenant's propensity model has counted over all customers (segment <c>*</c>): each Done is one success and
/// each Not useful one failure, counted only by the call that closed the nudge. So these tell how many times a
/// console's action was recorded.
/// </summary>
public static class LearnedOutcomes
{
    public static async Task<(double Successes, double Failures)> ReadAsync(PlatformClient api)
    {
        var arms = (await api.Api.Learning.GetAsync()).Arms.Where(a => a.Segment == "*").ToList();
        return (arms.Sum(a => a.Successes), arms.Sum(a => a.Failures));
    }

    /// <summary>Waits until the model has learned what the node buffered (it forwards outcomes every second).</summary>
    public static async Task<(double Successes, double Failures)> WaitForAsync(PlatformClient api, Func<(double Successes, double Failures), bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var outcomes = await ReadAsync(api);
            if (condition(outcomes)) return outcomes;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The model's outcomes stayed at {outcomes}");
            await Task.Delay(200);
        }
    }
}
