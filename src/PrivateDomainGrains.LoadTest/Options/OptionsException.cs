namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>A command line the tool cannot run; the message says which option is wrong and why.</summary>
public sealed class OptionsException(string message) : Exception(message);
