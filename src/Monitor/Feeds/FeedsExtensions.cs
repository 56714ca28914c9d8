using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
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
        builder.Services.AddSingleton<FullTextExtractor>();
        return builder;
    }

    private static bool IsWorthARetry(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? response.StatusCode != HttpStatusCode.TooManyRequests
              && !(response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
              && HttpClientResiliencePredicates.IsTransient(outcome)
            : HttpClientResiliencePredicates.IsTransient(outcome);

    /// <summary>No HTTP answer at all: the request failed below HTTP, or an attempt timed out.</summary>
    private static bool IsHostUnreachable(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is null && HttpClientResiliencePredicates.IsTransient(outcome);

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
                // At most 4 requests at a time to one host: one slow or busy site never takes all the fetch slots.
                MaxConnectionsPerServer = 4,
            })
            // One pipeline per host (authority): a failing host opens its own circuit, not the others'.
            .AddResilienceHandler("feeds", pipeline => pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    // One quick retry for a transient failure (connection reset, 502/504, 408). Not for 429, nor for a
                    // 503 with Retry-After: the poll schedule honours those, hours later if the server asks.
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromSeconds(2),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(IsWorthARetry(args.Outcome)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    // A host that does not answer (connection refused or reset, TLS failure, timeout) on half of at
                    // least 5 requests in 2 minutes is left alone for 5 minutes. Only the host's silence counts: a host
                    // that answers with an HTTP error is up, and one broken feed on a site (a 500 on one path) must not
                    // stop its healthy feeds; that feed backs off on its own poll schedule.
                    ShouldHandle = args => ValueTask.FromResult(IsHostUnreachable(args.Outcome)),
                    FailureRatio = 0.5,
                    MinimumThroughput = 5,
                    SamplingDuration = TimeSpan.FromMinutes(2),
                    BreakDuration = TimeSpan.FromMinutes(5),
                }))
            .SelectPipelineByAuthority();
        return services;
    }
}
