using System.Reflection;
using System.Text.RegularExpressions;
using PrivateDomainGrains.Host.Webhooks;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// The notification types are listed in one place (<see cref="WebhookEventTypes"/>): the API validates against it and
/// serves it to the console's picker; these keep the customer changes and the README's table in step with it.
/// </summary>
public sealed class WebhookEventTypeListTests
{
    [Fact]
    public void Every_kind_of_customer_change_is_a_listed_notification_type()
    {
        var kinds = typeof(CustomerChangeKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => "customer." + (string)f.GetRawConstantValue()!);

        Assert.All(kinds, kind => Assert.Contains(kind, WebhookEventTypes.All));
    }

    [Fact]
    public void The_READMEs_webhook_table_names_every_listed_type_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("\n## Webhooks\n", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        // The table's first column: | `a` / `b` | when | data |
        var named = section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Regex.Matches(line.Split('|')[1], "`([^`]+)`").Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.Equal(WebhookEventTypes.All.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrivateDomainGrains.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("PrivateDomainGrains.sln was not found above " + AppContext.BaseDirectory);
    }
}
