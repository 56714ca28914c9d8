using System.Diagnostics;
using Monitor.Storage;
using Prometheus;

namespace Monitor.Scheduling;

/// <summary>
/// The worker's Prometheus metrics, recorded here in Scheduling from the results the stages return (the stages know
/// nothing of metrics). Every label takes values from a fixed set (feed outcomes, <see cref="FeedFailureReasons"/>,
/// article outcomes, mail kinds), never a URL or an address, so the number of series stays bounded; every series of
/// those sets exists from the start at 0, so that <c>rate()</c> and <c>increase()</c> see the first event.
/// Served by <c>monitor run</c> at /metrics when Metrics:Enabled (Metrics/MetricsEndpoint.cs); the other verbs record
/// into it and nobody reads it.
/// </summary>
/// <remarks>
/// prometheus-net with a registry of our own (never its static default registry, which would also collect process
/// and runtime metrics under other names): the library writes the exposition format, with its escaping and
/// histogram buckets; it has a stable release, where OpenTelemetry's Prometheus exporter is still in beta.
/// </remarks>
public sealed class WorkerMetrics
{
    public const string Prefix = "monitor_";

    /// <summary>Per-feed fetch: from a fast 304 on a LAN to the 30 s default timeout.</summary>
    private static readonly double[] FetchBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>A whole poll cycle: one feed to hundreds, with 4 fetched at a time.</summary>
    private static readonly double[] CycleBuckets = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly string[] FeedOutcomes = ["ok", "not_modified", "failed"];
    private static readonly string[] ArticleLabels = ["relevant", "not_relevant", "duplicate"];
    private static readonly string[] MailKinds = [OutboxKind.Digest, OutboxKind.Alert];
    private static readonly string[] MailResults = ["sent", "failed"];

    private readonly Counter _feedPolls;
    private readonly Counter _feedFailures;
    private readonly Counter _articles;
    private readonly Counter _mails;
    private readonly Gauge _outboxPending;
    private readonly Gauge _feedsDue;
    private readonly Histogram _fetchDuration;
    private readonly Histogram _cycleDuration;
    private readonly Gauge _lastCycle;

    public WorkerMetrics()
    {
        // Qualified: Monitor.Metrics (the folder that serves these) would hide prometheus-net's Metrics class.
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _feedPolls = factory.CreateCounter(Prefix + "feed_polls_total", "Feeds polled, by outcome: ok (new content read), not_modified (304), failed.", ["outcome"]);
        _feedFailures = factory.CreateCounter(Prefix + "feed_poll_failures_total",
            "Failed feed polls, by reason: timeout, http_4xx, http_5xx, too_large, malformed, tls, dns, other.", ["reason"]);
        _articles = factory.CreateCounter(Prefix + "articles_total",
            "New articles (not seen before), by outcome: relevant, not_relevant, duplicate. Their sum is the new articles.", ["outcome"]);
        _mails = factory.CreateCounter(Prefix + "mail_deliveries_total", "Attempts to deliver a digest or an alert, by kind (digest, alert) and result (sent, failed).", ["kind", "result"]);
        _outboxPending = factory.CreateGauge(Prefix + "outbox_pending_mails", "Mails waiting in the outbox (queued or failed and awaiting a retry), by kind. Updated at every poll tick.", ["kind"]);
        _feedsDue = factory.CreateGauge(Prefix + "feeds_due", "Feeds that were due for a poll at the last poll tick (each minute).");
        _fetchDuration = factory.CreateHistogram(Prefix + "feed_fetch_duration_seconds", "Time to fetch one feed (request to full body, or failure).",
            new HistogramConfiguration { Buckets = FetchBuckets });
        _cycleDuration = factory.CreateHistogram(Prefix + "poll_cycle_duration_seconds", "Time for one poll cycle over the due feeds (fetch, parse, dedup, score, store).",
            new HistogramConfiguration { Buckets = CycleBuckets });
        // Absent, rather than 0 (1970), until a cycle has completed.
        _lastCycle = factory.CreateGauge(Prefix + "last_poll_cycle_success_timestamp_seconds", "When the last poll cycle completed (Unix time). Feeds in it may have failed.",
            new GaugeConfiguration { SuppressInitialValue = true });

        foreach (var outcome in FeedOutcomes)
            _feedPolls.WithLabels(outcome);
        foreach (var reason in FeedFailureReasons.All)
            _feedFailures.WithLabels(reason);
        foreach (var outcome in ArticleLabels)
            _articles.WithLabels(outcome);
        foreach (var kind in MailKinds)
        {
            _outboxPending.WithLabels(kind);
            foreach (var result in MailResults)
                _mails.WithLabels(kind, result);
        }

        var version = typeof(WorkerMetrics).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        factory.CreateGauge(Prefix + "build_info", "Always 1; the version of Monitor is in the label.", ["version"]).WithLabels(version).Set(1);
        using var process = Process.GetCurrentProcess();
        factory.CreateGauge(Prefix + "process_start_time_seconds", "When this Monitor process started (Unix time).")
            .Set(new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>The registry the endpoint exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>One feed's fetch, from the request to the full body or the failure.</summary>
    public void RecordFetch(TimeSpan elapsed) => _fetchDuration.Observe(elapsed.TotalSeconds);

    /// <summary>A completed poll cycle: what became of each feed and each new article, its duration and when it ended.</summary>
    public void RecordPollCycle(IReadOnlyList<FeedPollResult> results, TimeSpan elapsed, DateTimeOffset completedAt)
    {
        foreach (var result in results)
        {
            _feedPolls.WithLabels(!result.Succeeded ? "failed" : result.NotModified ? "not_modified" : "ok").Inc();
            if (!result.Succeeded)
                _feedFailures.WithLabels(FeedFailureReasons.All.Contains(result.FailureReason) ? result.FailureReason! : FeedFailureReasons.Other).Inc();
            foreach (var article in result.Articles)
                _articles.WithLabels(ArticleLabel(article.Outcome)).Inc();
        }
        _cycleDuration.Observe(elapsed.TotalSeconds);
        _lastCycle.Set(completedAt.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>One attempt to deliver an outbox message of <paramref name="kind"/> (<see cref="OutboxKind"/>).</summary>
    public void RecordDelivery(string kind, bool delivered) =>
        _mails.WithLabels(string.Equals(kind, OutboxKind.Alert, StringComparison.Ordinal) ? OutboxKind.Alert : OutboxKind.Digest, delivered ? "sent" : "failed").Inc();

    /// <summary>The queues at a poll tick: feeds due, and mails pending in the outbox by kind (a kind absent has none).</summary>
    public void RecordQueues(int feedsDue, IReadOnlyDictionary<string, int> outboxPending)
    {
        _feedsDue.Set(feedsDue);
        foreach (var kind in MailKinds)
            _outboxPending.WithLabels(kind).Set(outboxPending.GetValueOrDefault(kind));
    }

    private static string ArticleLabel(string outcome) => outcome switch
    {
        ArticleOutcomes.Relevant => "relevant",
        ArticleOutcomes.Duplicate => "duplicate",
        _ => "not_relevant",
    };
}
