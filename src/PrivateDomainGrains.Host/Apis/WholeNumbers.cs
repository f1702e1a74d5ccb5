namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Bounds of the whole numbers routes take, for <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>:
/// it takes a long's bounds as text (its numeric constructors are int's and double's, and a double cannot hold
/// <see cref="long.MaxValue"/>). A parameter's range is what a value that does not bind is told it must be
/// (<c>Hosting/BadParameterHandler.cs</c>) and what the document says.
/// </summary>
public static class WholeNumbers
{
    /// <summary><see cref="long.MaxValue"/>, as <c>[Range(typeof(long), "1", WholeNumbers.LongMax)]</c> takes it.</summary>
    public const string LongMax = "9223372036854775807";
}
