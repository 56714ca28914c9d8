using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Digest;

public static class DigestExtensions
{
    /// <summary>
    /// Registers digest and alert composition and rendering. Sections <c>Digest</c> (see <see cref="DigestOptions"/>)
    /// and <c>Alerts</c> (see <see cref="AlertOptions"/>); the user's templates are read from
    /// <paramref name="templatesFolder"/> (see <see cref="DigestTemplates"/>).
    /// </summary>
    public static IHostApplicationBuilder AddDigest(this IHostApplicationBuilder builder, string templatesFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section);
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
        builder.Services.AddSingleton(sp => new DigestTemplates(templatesFolder, sp.GetRequiredService<ILogger<DigestTemplates>>()));
        builder.Services.AddSingleton<DigestSanitizer>();
        builder.Services.AddSingleton<DigestRenderer>();
        builder.Services.AddSingleton<DigestComposer>();
        return builder;
    }
}
