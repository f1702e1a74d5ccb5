using System.Globalization;
using Orleans;
using Orleans.Runtime;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Grains.Hosting;

/// <summary>
/// Grains answer in the language of the request that called them: a console in Chinese reads a playbook's or a dry
/// run's errors worded by the grain (<see cref="Phrase"/>) in Chinese. The host puts the request's UI culture in the
/// call's <see cref="RequestContext"/> (<see cref="Flow"/>, Chinese only: the calls of integrations carry nothing);
/// this filter makes it the UI culture of every grain call, English when the call carries none, so a language never
/// outlives the call that brought it (an activation made for a Chinese console still answers an integration in
/// English). Orleans carries the request context on to the grains that grain calls.
/// </summary>
public sealed class CallerLanguage : IIncomingGrainCallFilter
{
    private const string Key = "pdg-language";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Makes grain calls from here on (in this async flow) answer in <paramref name="culture"/>'s language, when it is not English.</summary>
    public static void Flow(CultureInfo culture)
    {
        if (Phrase.IsChinese(culture)) RequestContext.Set(Key, culture.Name);
    }

    /// <summary>The current UI language when it is not English, to keep for work done later on the caller's behalf (an import's pages).</summary>
    public static string? Current => Phrase.IsChinese(CultureInfo.CurrentUICulture) ? CultureInfo.CurrentUICulture.Name : null;

    /// <summary>Speaks <paramref name="language"/> (from <see cref="Current"/>; null: English) for the rest of the calling flow.</summary>
    public static void Adopt(string? language)
    {
        var culture = language is null ? English : CultureInfo.GetCultureInfo(language);
        // Reading is cheap, writing is not (it copies the execution context): most calls find English already.
        if (!ReferenceEquals(CultureInfo.CurrentUICulture, culture)) CultureInfo.CurrentUICulture = culture;
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        Adopt(RequestContext.Get(Key) as string);
        return context.Invoke();
    }
}
