using Monitor.Configuration;

namespace Monitor.Feeds;

/// <summary>
/// Polling defaults, section <c>Feeds</c> of appsettings.json:
/// <code>"Feeds": { "DefaultInterval": "30m", "LookbackDays": 7, "MaxResponseBytes": 10485760, "TimeoutSeconds": 30, "MaxConcurrentFetches": 4 }</code>
/// </summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>How often a feed is polled when feeds.yaml gives no <c>interval</c>.</summary>
    public string DefaultInterval { get; set; } = "30m";

    /// <summary>Adapted intervals are never shorter than this (politeness towards busy sites).</summary>
    public string MinInterval { get; set; } = "5m";

    /// <summary>Adapted intervals are never longer than this (a quiet feed is still checked daily).</summary>
    public string MaxInterval { get; set; } = "24h";

    /// <summary>Poll a feed without an explicit interval at about half its publishing rhythm, within MinInterval..MaxInterval.</summary>
    public bool AdaptiveIntervals { get; set; } = true;

    public TimeSpan MinIntervalValue => Duration.TryParse(MinInterval, out var d) ? d : TimeSpan.FromMinutes(5);

    public TimeSpan MaxIntervalValue => Duration.TryParse(MaxInterval, out var d) ? d : TimeSpan.FromHours(24);

    /// <summary>On the first poll of a feed, only items published within this many days are taken.</summary>
    public int LookbackDays { get; set; } = 7;

    /// <summary>A response larger than this is abandoned while streaming, not after.</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Total time allowed for one fetch, headers and body.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>For feeds with full_text: at most this many article pages fetched per feed and poll.</summary>
    public int FullTextPagesPerPoll { get; set; } = 20;

    /// <summary>For feeds with full_text: an article page larger than this is not read.</summary>
    public long FullTextMaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Feeds fetched at the same time.</summary>
    public int MaxConcurrentFetches { get; set; } = 4;

    /// <summary>Sent with every request; names Monitor so site owners know who polls them.</summary>
    public string UserAgent { get; set; } = $"Monitor/{typeof(FeedsOptions).Assembly.GetName().Version?.ToString(3)} (self-hosted news monitor)";

    public TimeSpan DefaultIntervalValue => Duration.TryParse(DefaultInterval, out var d) ? d : TimeSpan.FromMinutes(30);

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!Duration.TryParse(DefaultInterval, out var interval) || interval < TimeSpan.FromMinutes(1) || interval > FeedListLoader.MaxInterval)
            yield return (nameof(DefaultInterval), $"must be a duration from 1m to 7d such as 15m, 1h or 1h30m (got '{DefaultInterval}')");
        if (!Duration.TryParse(MinInterval, out var min) || min < TimeSpan.FromMinutes(1) || min > FeedListLoader.MaxInterval)
            yield return (nameof(MinInterval), $"must be a duration from 1m to 7d (got '{MinInterval}')");
        else if (!Duration.TryParse(MaxInterval, out var max) || max < min || max > FeedListLoader.MaxInterval)
            yield return (nameof(MaxInterval), $"must be a duration from MinInterval ({MinInterval}) to 7d (got '{MaxInterval}')");
        if (LookbackDays is < 0 or > 3650)
            yield return (nameof(LookbackDays), $"must be between 0 and 3650 (got {LookbackDays})");
        if (MaxResponseBytes < 1024)
            yield return (nameof(MaxResponseBytes), $"must be at least 1024 (got {MaxResponseBytes})");
        if (FullTextPagesPerPoll is < 0 or > 500)
            yield return (nameof(FullTextPagesPerPoll), $"must be between 0 and 500 (got {FullTextPagesPerPoll})");
        if (FullTextMaxBytes < 1024)
            yield return (nameof(FullTextMaxBytes), $"must be at least 1024 (got {FullTextMaxBytes})");
        if (TimeoutSeconds is < 1 or > 600)
            yield return (nameof(TimeoutSeconds), $"must be between 1 and 600 (got {TimeoutSeconds})");
        if (MaxConcurrentFetches is < 1 or > 256)
            yield return (nameof(MaxConcurrentFetches), $"must be between 1 and 256 (got {MaxConcurrentFetches})");
        if (string.IsNullOrWhiteSpace(UserAgent))
            yield return (nameof(UserAgent), "must not be empty");
    }
}
