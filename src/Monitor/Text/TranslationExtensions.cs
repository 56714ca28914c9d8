using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitor.Text;

public static class TranslationExtensions
{
    /// <summary>
    /// Registers the <see cref="EnglishTranslator"/> (one for the process: its apertium pipelines and dictionaries are
    /// shared). Section <c>Translation</c>:
    /// <code>"Translation": { "Enabled": true, "TimeoutMilliseconds": 5000, "MaxCharacters": 4000 }</code>
    /// </summary>
    public static IHostApplicationBuilder AddTranslation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TranslationOptions>().BindConfiguration(TranslationOptions.Section);
        builder.Services.AddSingleton<EnglishTranslator>();
        return builder;
    }
}
