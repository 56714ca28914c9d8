using System.Text;
using Monitor.Scheduling;
using Monitor.Storage;
using Prometheus;

namespace Monitor.Tests.Scheduling;

/// <summary>What the metrics say after the results a cycle returns, read back in the exposition format.</summary>
public sealed class WorkerMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static FeedPollResult Ok(params string[] outcomes) => new("https://a.example/rss", "A", true, false, null, outcomes.Length, 0, 0,
        outcomes.Select(o => new ArticleOutcome("https://a.example/rss", "T", null, o, 0, "")).ToList(), []);

    private static FeedPollResult Failed(string? reason) => new("https://b.example/rss", "B", false, false, "HTTP 404", 0, 0, 0, [], []) { FailureReason = reason };

    private static async Task<string> ExportAsync(WorkerMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.PrometheusText, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task A_poll_cycle_counts_feeds_by_outcome_failures_by_reason_and_articles_by_outcome()
    {
        var metrics = new WorkerMetrics();

        metrics.RecordPollCycle([
            Ok(ArticleOutcomes.Relevant, ArticleOutcomes.NotRelevant, ArticleOutcomes.Duplicate, ArticleOutcomes.Relevant),
            Failed(FeedFailureReasons.Http4xx),
            new FeedPollResult("https://c.example/rss", "C", true, true, null, 0, 0, 0, [], []),
        ], TimeSpan.FromSeconds(2), Now);
        var text = await ExportAsync(metrics);

        Assert.Contains("monitor_feed_polls_total{outcome=\"ok\"} 1\n", text);
        Assert.Contains("monitor_feed_polls_total{outcome=\"not_modified\"} 1\n", text);
        Assert.Contains("monitor_feed_polls_total{outcome=\"failed\"} 1\n", text);
        Assert.Contains("monitor_feed_poll_failures_total{reason=\"http_4xx\"} 1\n", text);
        Assert.Contains("monitor_feed_poll_failures_total{reason=\"timeout\"} 0\n", text);
        Assert.Contains("monitor_articles_total{outcome=\"relevant\"} 2\n", text);
        Assert.Contains("monitor_articles_total{outcome=\"not_relevant\"} 1\n", text);
        Assert.Contains("monitor_articles_total{outcome=\"duplicate\"} 1\n", text);
        Assert.Contains("monitor_poll_cycle_duration_seconds_count 1\n", text);
        Assert.Contains("monitor_last_poll_cycle_success_timestamp_seconds " + Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", text);
    }

    [Fact]
    public async Task A_failure_without_a_known_reason_counts_as_other()
    {
        var metrics = new WorkerMetrics();

        metrics.RecordPollCycle([Failed(null), Failed("https://b.example/rss")], TimeSpan.FromSeconds(1), Now);

        Assert.Contains("monitor_feed_poll_failures_total{reason=\"other\"} 2\n", await ExportAsync(metrics));
    }

    [Fact]
    public async Task Before_any_cycle_every_series_is_0_and_the_last_success_is_absent()
    {
        var text = await ExportAsync(new WorkerMetrics());

        Assert.Contains("monitor_feed_polls_total{outcome=\"failed\"} 0\n", text);
        Assert.Contains("monitor_mail_deliveries_total{kind=\"alert\",result=\"failed\"} 0\n", text);
        Assert.Contains("monitor_outbox_pending_mails{kind=\"digest\"} 0\n", text);
        Assert.Contains("monitor_build_info{version=\"", text);
        Assert.Contains("monitor_process_start_time_seconds ", text);
        Assert.DoesNotContain("\nmonitor_last_poll_cycle_success_timestamp_seconds ", text);
    }

    [Fact]
    public async Task Deliveries_and_queues_are_recorded_by_kind()
    {
        var metrics = new WorkerMetrics();

        metrics.RecordDelivery(OutboxKind.Digest, delivered: true);
        metrics.RecordDelivery(OutboxKind.Alert, delivered: false);
        metrics.RecordDelivery(OutboxKind.Alert, delivered: false);
        metrics.RecordQueues(3, new Dictionary<string, int> { [OutboxKind.Alert] = 2 });
        metrics.RecordFetch(TimeSpan.FromMilliseconds(300));
        var text = await ExportAsync(metrics);

        Assert.Contains("monitor_mail_deliveries_total{kind=\"digest\",result=\"sent\"} 1\n", text);
        Assert.Contains("monitor_mail_deliveries_total{kind=\"alert\",result=\"failed\"} 2\n", text);
        Assert.Contains("monitor_feeds_due 3\n", text);
        Assert.Contains("monitor_outbox_pending_mails{kind=\"alert\"} 2\n", text);
        Assert.Contains("monitor_outbox_pending_mails{kind=\"digest\"} 0\n", text);
        Assert.Contains("monitor_feed_fetch_duration_seconds_bucket{le=\"0.25\"} 0\n", text);
        Assert.Contains("monitor_feed_fetch_duration_seconds_bucket{le=\"0.5\"} 1\n", text);
    }
}
