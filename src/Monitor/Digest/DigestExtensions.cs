using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitor.Digest;

public static class DigestExtensions
{
    /// <summary>Registers digest and alert composition. Sections <c>Digest</c> (see <see cref="DigestOptions"/>) and <c>Alerts</c> (see <see cref="AlertOptions"/>).</summary>
    public static IHostApplicationBuilder AddDigest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section);
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
        builder.Services.AddSingleton<DigestRenderer>();
        builder.Services.AddSingleton<DigestComposer>();
        return builder;
    }
}
