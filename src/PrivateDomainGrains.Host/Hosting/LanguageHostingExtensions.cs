using System.Globalization;
using Microsoft.AspNetCore.Localization;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Grains.Hosting;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// The API answers people in their language: a request's <c>Accept-Language</c> (ASP.NET Core's request localization)
/// sets the UI culture its messages are worded in (<see cref="Phrase"/>), and the grains it calls word theirs alike
/// (<see cref="CallerLanguage"/>). English is the default, so an integration that asks for nothing reads the texts it
/// always has; the console sends its own language with every call. Only the UI culture follows the header: number and
/// date formatting stay the process's, so nothing but the words changes.
/// </summary>
public static class LanguageHostingExtensions
{
    /// <summary>The languages the API speaks, English first (the default); <c>zh</c> and its scripts and regions read Chinese.</summary>
    public static readonly string[] Languages = ["en", "zh-CN", "zh-Hans", "zh"];

    public static IApplicationBuilder UsePlatformLanguages(this IApplicationBuilder app)
    {
        var formatting = CultureInfo.CurrentCulture;
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(formatting, CultureInfo.GetCultureInfo(Languages[0])),
            SupportedCultures = [formatting],
            SupportedUICultures = [.. Languages.Select(CultureInfo.GetCultureInfo)],
            FallBackToParentUICultures = true,
        };
        // The header alone: no query string or cookie changes the words an integration reads.
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider { Options = options }];
        app.UseRequestLocalization(options);
        return app.Use((context, next) =>
        {
            CallerLanguage.Flow(CultureInfo.CurrentUICulture);
            return next(context);
        });
    }
}
