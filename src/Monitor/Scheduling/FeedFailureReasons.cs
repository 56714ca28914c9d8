using Monitor.Feeds;

namespace Monitor.Scheduling;

/// <summary>
/// Values of <see cref="FeedPollResult.FailureReason"/>: a fixed, small set (a metric label must never carry a URL or
/// a server's wording), from the fetcher's <see cref="FetchFailure"/> or the stage that failed.
/// </summary>
public static class FeedFailureReasons
{
    public const string Timeout = "timeout";
    public const string Http4xx = "http_4xx";
    public const string Http5xx = "http_5xx";
    public const string TooLarge = "too_large";

    /// <summary>The response was not a feed we could read (not XML/JSON, not RSS/Atom/JSON Feed, beyond repair).</summary>
    public const string Malformed = "malformed";

    public const string Tls = "tls";
    public const string Dns = "dns";

    /// <summary>Connection refused or reset, redirects, a host left alone by its circuit, an unforeseen error in one feed.</summary>
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Timeout, Http4xx, Http5xx, TooLarge, Malformed, Tls, Dns, Other];

    public static string From(FetchFailure? failure) => failure switch
    {
        FetchFailure.Timeout => Timeout,
        FetchFailure.HttpClientError => Http4xx,
        FetchFailure.HttpServerError => Http5xx,
        FetchFailure.TooLarge => TooLarge,
        FetchFailure.Tls => Tls,
        FetchFailure.Dns => Dns,
        _ => Other,
    };
}
