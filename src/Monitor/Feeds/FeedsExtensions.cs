using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Text;

namespace Monitor.Feeds;

public static class FeedsExtensions
{
    /// <summary>
    /// Registers fetching and parsing. Configuration section <c>Feeds</c>, e.g.
    /// <code>"Feeds": { "DefaultInterval": "30m", "LookbackDays": 7, "MaxResponseBytes": 10485760 }</code>
    /// </summary>
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Legacy code pages (windows-1252, ISO-8859-x, GB2312/GBK, Shift_JIS) are not in .NET by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        builder.Services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.Section);
        builder.Services.AddFeedHttpClient();
        builder.Services.AddSingleton<HtmlText>();
        builder.Services.AddSingleton<FeedFetcher>();
        builder.Services.AddSingleton<XmlFeedParser>();
        builder.Services.AddSingleton<JsonFeedParser>();
        builder.Services.AddSingleton<FeedParser>();
        builder.Services.AddSingleton<FeedListLoader>();
        return builder;
    }

    /// <summary>The HTTP client feeds are fetched with (also used by the tests, so they exercise the same handler).</summary>
    public static IServiceCollection AddFeedHttpClient(this IServiceCollection services)
    {
        // The total time per fetch is FeedFetcher's own limit (Feeds:TimeoutSeconds), so HttpClient's is off.
        services.AddHttpClient(FeedFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                // FeedFetcher follows redirects itself, to record permanent moves.
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 4,
            });
        return services;
    }
}
