using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Dedup;
using Monitor.Feeds;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Scheduling;

/// <summary>
/// One polling pass over a set of feeds, chaining the stages in order for each feed:
/// fetch → parse → (skip known) → dedup → score → store. Feeds run concurrently up to Feeds:MaxConcurrentFetches.
/// A failing feed is caught here, and only here: its error is stored and logged with its URL, and the others go on.
/// </summary>
public sealed class PollCycle(
    FeedFetcher fetcher,
    FeedParser parser,
    FullTextExtractor fullText,
    Deduplicator dedup,
    FingerprintStore fingerprints,
    WatchlistMatcher matcher,
    WatchlistProvider watchlists,
    FeedStateStore feedStates,
    ArticleStore articles,
    IOptions<FeedsOptions> options,
    IOptions<DedupOptions> dedupOptions,
    WorkerMetrics metrics,
    TimeProvider time,
    ILogger<PollCycle> logger)
{
    private readonly SemaphoreSlim _historyGate = new(1, 1);
    private DateTimeOffset? _historyLoadedAt;
    // The highest article id whose fingerprint dedup has remembered: on a shared database, what other instances stored
    // after it is read before each check (under the dedup lock).
    private long _lastArticleId;

    /// <summary>
    /// A scheduler tick polls the feeds due within this much after it, not only those already due: a feed polled a few
    /// seconds into a tick is due a few seconds into the tick one interval later, and without it waited for the next
    /// tick, so "every 5 minutes" was every 6 (measured by the soak). Shorter than the shortest interval (1 minute) or
    /// failure backoff (54 s), so a feed just polled by another process is never due again in the same tick.
    /// </summary>
    public static readonly TimeSpan DueSlack = TimeSpan.FromSeconds(30);

    /// <summary>Feeds fetched before their new articles are decided together (see <see cref="RunAsync(IReadOnlyList{FeedDefinition}, bool, CancellationToken)"/>).</summary>
    private const int FeedsPerBatch = 128;

    /// <summary>How long a feed's claim holds: the fetch's time limit, and time to store what it brought.</summary>
    private TimeSpan ClaimFor => TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 2 + 60);

    /// <summary>
    /// Polls <paramref name="feeds"/>, each claimed first so that no other process polls it meanwhile. With
    /// <paramref name="evenIfNotDue"/> (<c>monitor once</c>: the user asked for now), a feed not due yet is polled too;
    /// without (the scheduler's ticks), a feed another process has just polled is passed over.
    /// </summary>
    public async Task<IReadOnlyList<FeedPollResult>> RunAsync(IReadOnlyList<FeedDefinition> feeds, CancellationToken cancellationToken) =>
        await RunAsync(feeds, evenIfNotDue: true, cancellationToken);

    public async Task<IReadOnlyList<FeedPollResult>> RunAsync(IReadOnlyList<FeedDefinition> feeds, bool evenIfNotDue, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // The history is loaded the first time a feed brings something new (a cycle of 304s needs none of it; on the
        // load harness's 10,000 stored articles that saved 1.5 s of a 5 s warm run); once loaded, aged out daily here.
        if (_historyLoadedAt is not null)
            await PrepareHistoryAsync(cancellationToken);
        // One version of the watchlists for the whole cycle, even if the file is reloaded meanwhile.
        var inForce = watchlists.Current;
        var results = new FeedPollResult?[feeds.Count];
        // The feeds of a batch are fetched concurrently, then their new articles are decided together: they all count
        // in the IDF and are read in order of publication, whichever feed brought them. Batches bound how long a
        // fetched feed waits for its turn (its claim must outlast it).
        for (var from = 0; from < feeds.Count; from += FeedsPerBatch)
        {
            var count = Math.Min(FeedsPerBatch, feeds.Count - from);
            var gathered = new Gathered?[count];
            var start = from;
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, count),
                    new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentFetches, CancellationToken = cancellationToken },
                    async (i, token) => (results[start + i], gathered[i]) = await PollGuardedAsync(feeds[start + i], inForce, evenIfNotDue, token));
                await KeepClaimsAsync(gathered, results.AsMemory(start, count), cancellationToken);
                OnceAcrossFeeds(gathered);
                var pending = gathered.OfType<Gathered>().ToList();
                var settled = await SettleAsync(pending, cancellationToken);
                for (var i = 0; i < count; i++)
                    if (gathered[i] is { } g)
                        results[start + i] = settled[g];
            }
            catch
            {
                // Stopping, or the database failed: what was fetched is not stored, so the next poll (this instance's
                // or another's) takes those feeds at once.
                foreach (var g in gathered.OfType<Gathered>())
                    await feedStates.ReleaseClaimAsync(g.Url, LeaseOwner.Current, CancellationToken.None);
                throw;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        // Recorded before the summary is logged: whoever sees the line (a test, a person) finds the metrics up to date.
        var all = results.Select(r => r!).ToList();
        metrics.RecordPollCycle(all, elapsed, time.GetUtcNow());
        logger.LogInformation("Polled {FeedCount} feeds in {Elapsed:0.0} s: {Failed} failed, {NewArticles} new articles, {Relevant} relevant, {Duplicates} duplicates",
            feeds.Count, elapsed.TotalSeconds, all.Count(r => !r.Succeeded),
            all.Sum(r => r.Articles.Count), all.Sum(r => r.Articles.Count(a => a.Outcome == ArticleOutcomes.Relevant)),
            all.Sum(r => r.Articles.Count(a => a.Outcome == ArticleOutcomes.Duplicate)));
        return all;
    }

    /// <summary>
    /// Loads the stored fingerprints of the horizon into the deduplicator on the first cycle (signatures are stored,
    /// not recomputed), and ages out older ones once a day after that.
    /// </summary>
    private async Task PrepareHistoryAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_historyLoadedAt is { } loaded && now - loaded < TimeSpan.FromDays(1))
            return;
        await _historyGate.WaitAsync(cancellationToken);
        try
        {
            if (_historyLoadedAt is { } again && now - again < TimeSpan.FromDays(1))
                return;
            var settings = dedupOptions.Value;
            var horizon = now.AddDays(-settings.HorizonDays);
            if (_historyLoadedAt is null)
            {
                var started = Stopwatch.GetTimestamp();
                var count = await RememberStoredAsync(cancellationToken);
                logger.LogInformation("Dedup history: {Articles} articles of the last {Days} days loaded in {Elapsed:0.0} s",
                    count, settings.HorizonDays, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            else
            {
                var forgotten = dedup.Forget(now);
                var deleted = await fingerprints.DeleteOlderThanAsync(horizon, cancellationToken);
                logger.LogInformation("Dedup history: {Signatures} signatures and {Rows} stored fingerprints older than {Days} days aged out",
                    forgotten, deleted, settings.HorizonDays);
            }
            _historyLoadedAt = now;
        }
        finally
        {
            _historyGate.Release();
        }
    }

    /// <summary>
    /// The one place a feed's failure is caught. Expected failures (HTTP, timeouts, malformed feeds) come back as
    /// values from the stages; this also stops an unforeseen exception from one feed's content (a library bug on a
    /// strange document) from failing the whole poll: it is logged as an error with its stack trace, stored on the
    /// feed, and the other feeds go on. Storage failures and cancellation still stop the cycle.
    /// </summary>
    private async Task<(FeedPollResult? Result, Gathered? Gathered)> PollGuardedAsync(FeedDefinition feed, WatchlistSet inForce, bool evenIfNotDue,
        CancellationToken cancellationToken)
    {
        var url = feed.Url.AbsoluteUri;
        var claimedAt = time.GetUtcNow();
        if (!await feedStates.TryClaimAsync(url, LeaseOwner.Current, claimedAt, claimedAt + ClaimFor, evenIfNotDue ? null : claimedAt + DueSlack, cancellationToken))
        {
            logger.LogInformation("Feed {FeedUrl} is being polled by another Monitor process, or was just polled: passed over", url);
            var current = await feedStates.FindAsync(url, cancellationToken);
            return (new FeedPollResult(url, current?.Title, true, true, null, 0, 0, 0, [], []), null);
        }
        try
        {
            return await PollAsync(feed, inForce, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the poll recorded nothing, so the next start (this instance's or another's) polls the feed at once.
            await feedStates.ReleaseClaimAsync(url, LeaseOwner.Current, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is not (System.Data.Common.DbException or StorageUnavailableException))
        {
            logger.LogError(ex, "Feed {FeedUrl}: unexpected {ExceptionType} while processing it; the other feeds go on", url, ex.GetType().Name);
            var state = await feedStates.FindAsync(url, cancellationToken);
            return (await FailAsync(feed, state, FeedFailureReasons.Other, $"internal error ({ex.GetType().Name}): {ex.Message}", null, time.GetUtcNow(), cancellationToken), null);
        }
    }

    /// <summary>
    /// Fetches and parses a feed, and fingerprints and scores its new items: the feed's result when it brought nothing
    /// to decide (failure, 304), else what <see cref="SettleAsync"/> decides and stores.
    /// </summary>
    private async Task<(FeedPollResult? Result, Gathered? Gathered)> PollAsync(FeedDefinition feed, WatchlistSet inForce, CancellationToken cancellationToken)
    {
        var url = feed.Url.AbsoluteUri;
        var state = await feedStates.FindAsync(url, cancellationToken);
        // A feed that moved permanently is fetched at its new address; it keeps its identity (the feeds.yaml URL).
        var from = state?.MovedTo is { } moved ? new Uri(moved) : feed.Url;
        var fetchStarted = Stopwatch.GetTimestamp();
        var fetch = await fetcher.FetchAsync(from, state?.ETag, state?.LastModified, cancellationToken);
        metrics.RecordFetch(Stopwatch.GetElapsedTime(fetchStarted));
        var now = time.GetUtcNow();
        if (fetch.MovedTo is { } newUrl)
        {
            logger.LogWarning("Feed {FeedUrl} moved permanently to {NewUrl}: polling the new address; update feeds.yaml", url, newUrl);
            await feedStates.RecordMoveAsync(url, newUrl.AbsoluteUri, cancellationToken);
        }

        if (fetch.Outcome == FetchOutcome.Failed)
            return (await FailAsync(feed, state, FeedFailureReasons.From(fetch.Failure), fetch.Error!, fetch.RetryAfter, now, cancellationToken), null);
        if (fetch.Outcome == FetchOutcome.NotModified)
        {
            var unchanged = CurrentInterval(feed, state);
            await feedStates.RecordSuccessAsync(url, state?.Title, fetch.ETag, fetch.LastModified, now,
                PollIntervalCalculator.AfterSuccess(now, unchanged, state?.Ttl, fetch.MaxAge), null, unchanged, cancellationToken);
            logger.LogDebug("Feed {FeedUrl} not modified", url);
            return (new FeedPollResult(url, state?.Title, true, true, null, 0, 0, 0, [], []), null);
        }

        ParsedFeed parsed;
        try
        {
            parsed = parser.Parse(fetch.Body!, feed.Url, fetch.FinalUrl);
        }
        catch (FeedParseException ex)
        {
            return (await FailAsync(feed, state, FeedFailureReasons.Malformed, ex.Message, null, now, cancellationToken), null);
        }

        var title = feed.Name ?? parsed.Title ?? feed.Url.Host;
        // The look-back window is anchored at the feed's first poll, on every poll: an item dated before it is the
        // feed's archive whenever it shows up (feeds reorder, and a 304 only hides them until the feed changes).
        var cutoff = (state?.FirstPolledAt ?? now) - TimeSpan.FromDays(options.Value.LookbackDays);
        var fresh = new List<(FeedItem Item, Fingerprint Fingerprint, ScoredArticle Scored)>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        int known = 0, tooOld = 0, pagesRead = 0;
        // A feed's signature or footer, repeated under every item, is boilerplate; with fewer than 3 items it cannot be told.
        var repeated = parsed.Items.Count >= 3 ? Text.Boilerplate.RepeatedLines(parsed.Items.Select(i => i.Content.Length > 0 ? i.Content : i.Summary)) : null;
        foreach (var parsedItem in parsed.Items)
        {
            var item = parsedItem;
            if (!seenKeys.Add(item.Key) || await articles.IsKnownAsync(item.Key, url, item.Guid, cancellationToken))
            {
                known++;
                continue;
            }
            // Adding a feed does not mail its whole archive. Undated items count as new.
            if (item.Published is { } published && published < cutoff)
            {
                tooOld++;
                continue;
            }

            if (feed.FullText && item.Url is not null && item.Content.Length + item.Summary.Length < FullTextBelow && pagesRead < options.Value.FullTextPagesPerPoll)
            {
                pagesRead++;
                item = await WithFullTextAsync(item, cancellationToken);
            }
            fresh.Add((item, dedup.Fingerprint(item.Title, item.Summary, item.Content, repeated), matcher.Score(inForce, item.Title, item.Summary, item.Content)));
        }

        return (null, new Gathered(feed, url, title, fetch, parsed, fresh, known, tooOld, now));
    }

    /// <summary>
    /// Renews the claims of the fetched feeds before they are decided (fetching the batch may outlast a claim); a
    /// feed whose claim another process took meanwhile is passed over, its articles left to that process.
    /// </summary>
    private async Task KeepClaimsAsync(Gathered?[] gathered, Memory<FeedPollResult?> results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        for (var i = 0; i < gathered.Length; i++)
        {
            if (gathered[i] is not { } g || await feedStates.TryClaimAsync(g.Url, LeaseOwner.Current, now, now + ClaimFor, null, cancellationToken))
                continue;
            logger.LogInformation("Feed {FeedUrl} was claimed by another Monitor process while this one fetched it: passed over", g.Url);
            results.Span[i] = new FeedPollResult(g.Url, g.Title, true, true, null, 0, 0, 0, [], []);
            gathered[i] = null;
        }
    }

    /// <summary>
    /// An article two feeds of the batch both carry (the same canonical URL) is new in the first only; in the others
    /// it counts as already known, as it would had the first feed been stored before.
    /// </summary>
    private static void OnceAcrossFeeds(Gathered?[] gathered)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < gathered.Length; i++)
        {
            if (gathered[i] is not { } g)
                continue;
            var fresh = g.Fresh.Where(f => keys.Add(f.Item.Key)).ToList();
            if (fresh.Count != g.Fresh.Count)
                gathered[i] = g with { Fresh = fresh, Known = g.Known + g.Fresh.Count - fresh.Count };
        }
    }

    /// <summary>One feed's fetch, parsed and with its new items fingerprinted and scored, waiting to be decided and stored.</summary>
    private sealed record Gathered(FeedDefinition Feed, string Url, string Title, FetchResult Fetch, ParsedFeed Parsed,
        List<(FeedItem Item, Fingerprint Fingerprint, ScoredArticle Scored)> Fresh, int Known, int TooOld, DateTimeOffset Now);

    /// <summary>
    /// Decides the new articles of every gathered feed in one batch and stores each feed's articles and state.
    /// Checked and stored under the dedup lock (another instance's copy of a story is either stored before this check,
    /// and read here, or checked after this one is stored); fetching and scoring ran without it.
    /// </summary>
    private async Task<Dictionary<Gathered, FeedPollResult>> SettleAsync(IReadOnlyList<Gathered> gathered, CancellationToken cancellationToken)
    {
        var results = new Dictionary<Gathered, FeedPollResult>();
        if (gathered.Count == 0)
            return results;
        IAsyncDisposable? gate = null;
        try
        {
            IReadOnlyList<DedupVerdict> verdicts = [];
            var batch = gathered.SelectMany(g => g.Fresh.Select(f => new Arrival(f.Item.Key, f.Fingerprint, g.Now, f.Item.Published))).ToList();
            if (batch.Count > 0)
            {
                gate = await fingerprints.LockForDedupAsync(cancellationToken);
                await PrepareHistoryAsync(cancellationToken);
                await CatchUpHistoryAsync(cancellationToken);
                verdicts = dedup.CheckAndRememberAll(batch);
            }
            var next = 0;
            foreach (var g in gathered)
            {
                var feedVerdicts = verdicts.Skip(next).Take(g.Fresh.Count).ToList();
                next += g.Fresh.Count;
                try
                {
                    results[g] = await CompleteAsync(g, feedVerdicts, cancellationToken);
                }
                catch (Exception ex) when (ex is not (System.Data.Common.DbException or StorageUnavailableException or OperationCanceledException))
                {
                    // As in PollGuardedAsync: one feed's strange content must not stop the others of the batch.
                    logger.LogError(ex, "Feed {FeedUrl}: unexpected {ExceptionType} while storing it; the other feeds go on", g.Url, ex.GetType().Name);
                    var state = await feedStates.FindAsync(g.Url, cancellationToken);
                    results[g] = await FailAsync(g.Feed, state, FeedFailureReasons.Other, $"internal error ({ex.GetType().Name}): {ex.Message}", null,
                        time.GetUtcNow(), cancellationToken);
                }
            }
            return results;
        }
        finally
        {
            if (gate is not null)
                await gate.DisposeAsync();
        }
    }

    /// <summary>Stores one feed's decided articles and its state, and logs its summary.</summary>
    private async Task<FeedPollResult> CompleteAsync(Gathered g, IReadOnlyList<DedupVerdict> verdicts, CancellationToken cancellationToken)
    {
        var (feed, url, title, parsed, fetch, now) = (g.Feed, g.Url, g.Title, g.Parsed, g.Fetch, g.Now);
        var outcomes = new List<ArticleOutcome>();
        if (g.Fresh.Count > 0)
        {
            var toStore = new List<NewArticle>();
            for (var i = 0; i < g.Fresh.Count; i++)
            {
                var (item, fingerprint, score) = g.Fresh[i];
                var verdict = verdicts[i];
                var scored = verdict.IsDuplicate ? new ScoredArticle([]) : score;
                toStore.Add(new NewArticle(url, item, verdict, scored, now, fingerprint));

                var outcome = verdict.IsDuplicate ? ArticleOutcomes.Duplicate : scored.IsRelevant ? ArticleOutcomes.Relevant : ArticleOutcomes.NotRelevant;
                var reason = verdict.IsDuplicate ? verdict.Reason
                    : verdict.Outcome == DedupOutcome.SameStory ? verdict.Reason + "; " + Explain(scored) : Explain(scored);
                outcomes.Add(new ArticleOutcome(url, item.Title, item.Url, outcome, scored.BestScore, reason));
                logger.LogDebug("Article {ArticleUrl} from {FeedUrl}: {Outcome} ({Reason})", item.Url ?? item.Key, url, outcome, reason);
            }
            await articles.AddAsync(toStore, cancellationToken);
        }
        var (known, tooOld) = (g.Known, g.TooOld);
        var settings = options.Value;
        var interval = feed.IntervalIsExplicit || !settings.AdaptiveIntervals
            ? feed.Interval
            : PollIntervalCalculator.AdaptiveInterval(parsed.Items.Select(i => i.Published).OfType<DateTimeOffset>(), feed.Interval, settings.MinIntervalValue, settings.MaxIntervalValue);
        var next = PollIntervalCalculator.AfterSuccess(now, interval, parsed.Ttl, fetch.MaxAge);
        await feedStates.RecordSuccessAsync(url, title, fetch.ETag, fetch.LastModified, now, next, parsed.Repairs, interval, cancellationToken, parsed.Ttl);
        // Dates in the future (clock skew, scheduled posts) say nothing about when the feed last published.
        var dates = parsed.Items.Select(i => i.Published).OfType<DateTimeOffset>().Where(d => d <= now + TimeSpan.FromHours(1)).ToList();
        await feedStates.RecordRhythmAsync(url, dates.Count > 0 ? dates.Max() : null, PollIntervalCalculator.MedianGap(dates), cancellationToken);

        if (parsed.Repairs.Count > 0)
            logger.LogInformation("Feed {FeedUrl} is not well-formed; read after repairs: {Repairs}", url, string.Join("; ", parsed.Repairs));
        logger.LogInformation("Feed {FeedUrl}: {Items} items, {New} new ({Relevant} relevant, {Duplicates} duplicates), {Known} already known, {TooOld} older than the look-back window",
            url, parsed.Items.Count, outcomes.Count, outcomes.Count(o => o.Outcome == ArticleOutcomes.Relevant), outcomes.Count(o => o.Outcome == ArticleOutcomes.Duplicate), known, tooOld);
        return new FeedPollResult(url, title, true, false, null, parsed.Items.Count, known, tooOld, outcomes, parsed.Repairs);
    }

    /// <summary>
    /// On a database shared by several instances, remembers what the others stored since this one last looked (called
    /// under the dedup lock, so nothing stored before the check is missed). On SQLite, with one process, nothing to read.
    /// </summary>
    private async Task CatchUpHistoryAsync(CancellationToken cancellationToken)
    {
        if (fingerprints.IsShared)
            await RememberStoredAsync(cancellationToken);
    }

    /// <summary>
    /// Remembers the stored fingerprints of the horizon stored after the last one remembered (all of them the first
    /// time); returns how many.
    /// </summary>
    private async Task<int> RememberStoredAsync(CancellationToken cancellationToken)
    {
        var settings = dedupOptions.Value;
        var count = 0;
        var last = await fingerprints.LoadAfterAsync(time.GetUtcNow().AddDays(-settings.HorizonDays), Interlocked.Read(ref _lastArticleId), settings.Bands * settings.Rows, s =>
        {
            dedup.Remember(s.ArticleKey, s.Fingerprint, s.FoundAt, s.StoryKey, s.Published);
            count++;
        }, cancellationToken);
        Interlocked.Exchange(ref _lastArticleId, last);
        return count;
    }

    /// <summary>Items with less text than this (summary and content together) get their page read when the feed asks.</summary>
    private const int FullTextBelow = 1000;

    /// <summary>The item with its page's main text as content; unchanged when the page cannot be fetched or read.</summary>
    private async Task<FeedItem> WithFullTextAsync(FeedItem item, CancellationToken cancellationToken)
    {
        var page = await fetcher.FetchAsync(new Uri(item.Url!), null, null, options.Value.FullTextMaxBytes, cancellationToken);
        if (page.Outcome != FetchOutcome.Ok)
        {
            logger.LogDebug("Full text of {ArticleUrl} not fetched: {Error}", item.Url, page.Error);
            return item;
        }
        var text = fullText.Extract(page.Body!, page.MovedTo ?? new Uri(item.Url!));
        logger.LogDebug("Full text of {ArticleUrl}: {Characters} characters", item.Url, text?.Length ?? 0);
        return text is null || text.Length <= item.Content.Length ? item : item with { Content = text };
    }

    /// <summary>The interval a feed is on: its explicit one, else the one its last success adapted to, else the default.</summary>
    private static TimeSpan CurrentInterval(FeedDefinition feed, FeedState? state) =>
        feed.IntervalIsExplicit ? feed.Interval : state?.PollInterval ?? feed.Interval;

    private async Task<FeedPollResult> FailAsync(FeedDefinition feed, FeedState? state, string reason, string error, TimeSpan? retryAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var url = feed.Url.AbsoluteUri;
        var failures = (state?.ConsecutiveFailures ?? 0) + 1;
        // Random.Shared: jitter needs no reproducibility, only spread between feeds that failed together.
        var next = PollIntervalCalculator.AfterFailure(now, CurrentInterval(feed, state), failures, retryAfter, Random.Shared.NextDouble() * 2 - 1);
        await feedStates.RecordFailureAsync(url, error, now, next, cancellationToken);
        logger.LogWarning("Feed {FeedUrl} failed ({ConsecutiveFailures} in a row, next try {NextPoll:u}): {FeedError}", url, failures, next, error);
        return new FeedPollResult(url, state?.Title ?? feed.Name, false, false, error, 0, 0, 0, [], []) { FailureReason = reason };
    }

    private static string Explain(ScoredArticle scored)
    {
        var best = scored.Scores.OrderByDescending(s => s.Score).ThenByDescending(s => s.RawScore).FirstOrDefault();
        if (best is null || best.Matches.Count == 0)
            return "no watchlist term matched";
        if (best.Score == 0)
        {
            var veto = best.UnmetRequirement is { } unmet ? $"require {unmet} not met" : $"excluded by {string.Join(", ", best.Excluded.Select(x => x.Term))}";
            return FormattableString.Invariant($"{best.Watchlist} 0: {veto} (terms gave {best.RawScore:0.##})");
        }
        var terms = string.Join(", ", best.Matches.Select(m => m.MatchedPhrase));
        return FormattableString.Invariant($"{best.Watchlist} {best.Score:0.##} {(best.IsRelevant ? ">=" : "<")} {best.Threshold:0.##} ({terms})");
    }
}
