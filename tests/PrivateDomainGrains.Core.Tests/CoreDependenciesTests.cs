using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using PrivateDomainGrains.Core.Engine;

namespace PrivateDomainGrains.Core.Tests;

/// <summary>
/// The decision core's shape, checked on the compiled assembly (ArchUnitNET reads its IL, so a type used without a
/// <c>using</c>, e.g. fully qualified, counts too): its folders depend one way, and it stands on nothing but .NET.
/// </summary>
public sealed class CoreDependenciesTests
{
    private static readonly System.Reflection.Assembly CoreAssembly = typeof(DecisionEngine).Assembly;
    private static readonly Architecture Core = new ArchLoader().LoadAssemblies(CoreAssembly).Build();

    [Fact]
    public void No_two_folders_of_the_core_depend_on_each_other_even_through_others() =>
        SliceRuleDefinition.Slices().Matching("PrivateDomainGrains.Core.(*)..").Should().BeFreeOfCycles().Check(Core);

    [Theory]
    [InlineData("Orleans")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.Extensions")]
    [InlineData("Npgsql")]
    public void The_core_references_no_hosting_or_storage_assembly(string prefix) =>
        Assert.DoesNotContain(CoreAssembly.GetReferencedAssemblies(), a => a.Name!.StartsWith(prefix, StringComparison.Ordinal));
}
