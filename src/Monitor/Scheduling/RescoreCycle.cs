using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Digest;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Scheduling;

/// <summary>
/// After a watchlist edit is put in force while the worker runs, scores again the articles the next digests can still
/// pick (kept articles found within <c>Digest:MaxArticleAgeDays</c>), so that the digest follows the edit at once, as
/// <c>monitor backtest</c> showed it would. What was sent stays sent. The first set seen is the one the stored scores
/// were made with; an edit made while Monitor was stopped applies to the articles found after it starts (and, for
/// thresholds, to all).
/// </summary>
public sealed class RescoreCycle(ArticleReader reader, ArticleStore articles, WatchlistMatcher matcher, IOptions<DigestOptions> options, TimeProvider time, ILogger<RescoreCycle> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WatchlistSet? _scoredWith;

    /// <summary>Re-scores when <paramref name="set"/> is not the set the stored scores were made with; returns how many articles were re-scored.</summary>
    public async Task<int> RunIfChangedAsync(WatchlistSet set, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_scoredWith is null || ReferenceEquals(_scoredWith, set))
            {
                _scoredWith ??= set;
                return 0;
            }
            var since = time.GetUtcNow() - TimeSpan.FromDays(options.Value.MaxArticleAgeDays);
            var kept = await reader.FoundSinceAsync(since, cancellationToken);
            var scored = kept.Select(a => (a.Id, matcher.Score(set, a.Title, a.Summary, a.Content))).ToList();
            await articles.ReplaceScoresAsync(scored, cancellationToken);
            _scoredWith = set;
            logger.LogInformation("Watchlists changed: re-scored {Count} articles found since {Since:yyyy-MM-dd HH:mm} UTC, {Relevant} now relevant",
                scored.Count, since.UtcDateTime, scored.Count(s => s.Item2.IsRelevant));
            return scored.Count;
        }
        finally
        {
            _gate.Release();
        }
    }
}
