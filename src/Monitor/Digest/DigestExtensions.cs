using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitor.Digest;

public static class DigestExtensions
{
    /// <summary>Registers digest composition. Section <c>Digest</c> (see <see cref="DigestOptions"/>).</summary>
    public static IHostApplicationBuilder AddDigest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section);
        builder.Services.AddSingleton<DigestRenderer>();
        builder.Services.AddSingleton<DigestComposer>();
        return builder;
    }
}
