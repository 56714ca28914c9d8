using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Benchmarks;

/// <summary>
/// The whole per-article dedup path of the poll cycle, <c>Fingerprint</c> then <c>CheckAndRemember</c>, against the
/// real seed corpus (<c>seeds/</c>) and <see cref="Articles"/> remembered articles.
/// <para>
/// Remembered articles are synthetic fingerprints (<see cref="SyntheticNews.RandomFingerprint"/>: random shingles,
/// ~6 window signatures each, anchors drawn as the text generator draws its facts, Zipf-distributed content words)
/// rather than fingerprints of generated text, so that a million can be made in the setup. Their dates are spread
/// evenly over the 90-day horizon, as in the steady state of a running monitor: only those of the last StoryDays days
/// keep their fingerprint in memory, in the anchor and term indexes and in the IDF.
/// </para>
/// <para>
/// Remembering a million articles takes minutes, so these benchmarks run in process and share one history per size
/// (<see cref="History"/>). The article checked keeps the same key across invocations: the first call remembers it,
/// later ones find the key already remembered (Remember returns at once), so every invocation measures the check of
/// an article new to the index (its own entry is a candidate but skipped for having its key).
/// </para>
/// <para>
/// <see cref="CheckOnlyNoRecentArticle"/> runs last on the same history after <see cref="Deduplicator.Forget"/> a day later
/// (the daily ageing, timed) and eight days later (every article out of the StoryDays window, nothing left in the
/// anchor and term indexes): its difference from <see cref="CheckOnlyNewArticle"/> is the story model's step.
/// </para>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class CheckBenchmarks
{
    private const string NewKey = "https://example.com/new";
    private const string CopyKey = "https://example.com/copy";

    /// <summary>The history of the last size set up, shared by the benchmarks of that size.</summary>
    private static History? _shared;

    private History _history = null!;

    [Params(100_000, 1_000_000)]
    public int Articles { get; set; }

    [GlobalSetup(Targets = [nameof(FingerprintAndCheckNewArticle), nameof(CheckOnlyNewArticle), nameof(FingerprintAndCheckCopyOfRemembered)])]
    public void Setup() => _history = SharedHistory(Articles);

    [GlobalSetup(Target = nameof(CheckOnlyNoRecentArticle))]
    public void SetupWithoutRecentArticles()
    {
        _history = SharedHistory(Articles);
        var dedup = _history.Dedup;
        var started = Stopwatch.GetTimestamp();
        var signatures = dedup.Forget(_history.Now.AddDays(1));
        var daily = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        signatures += dedup.Forget(_history.Now.AddDays(8));
        var rest = Stopwatch.GetElapsedTime(started);
        _history.Aged = true;
        Console.WriteLine($"// Forget a day later (articles 6 to 7 days old leave the anchor index, 89+ days old the LSH index): {daily.TotalSeconds:0.00} s; " +
            $"eight days later (all the rest leave the anchor index): {rest.TotalSeconds:0.00} s; {signatures:N0} signatures aged out, {dedup.RememberedCount:N0} left");
        Console.WriteLine($"// New article: {Describe(dedup.Check(NewKey, _history.NewFingerprint))}");
    }

    /// <summary>Lets the history go once the last benchmark of a size has run (the next suite does not need gigabytes of it).</summary>
    [GlobalCleanup(Target = nameof(CheckOnlyNoRecentArticle))]
    public void Cleanup()
    {
        _shared = null;
        _history = null!;
    }

    [Benchmark]
    public DedupVerdict FingerprintAndCheckNewArticle() => _history.Dedup.CheckAndRemember(NewKey, _history.Fingerprint(_history.New), _history.Now);

    [Benchmark]
    public DedupVerdict CheckOnlyNewArticle() => _history.Dedup.Check(NewKey, _history.NewFingerprint);

    [Benchmark]
    public DedupVerdict FingerprintAndCheckCopyOfRemembered() => _history.Dedup.CheckAndRemember(CopyKey, _history.Fingerprint(_history.Copy), _history.Now);

    [Benchmark]
    public DedupVerdict CheckOnlyNoRecentArticle() => _history.Dedup.Check(NewKey, _history.NewFingerprint);

    private static History SharedHistory(int articles)
    {
        if (_shared is { Aged: false } shared && shared.Articles == articles)
            return shared;
        _shared = null;
        return _shared = new History(articles);
    }

    private static string Describe(DedupVerdict verdict) => $"{verdict.Outcome}: {verdict.Reason}";

    /// <summary>A deduplicator with the real seeds and <see cref="Articles"/> remembered articles, plus the articles to check.</summary>
    private sealed class History
    {
        public History(int articles)
        {
            Articles = articles;
            var options = new DedupOptions();
            var seeds = SeedCorpus.Load(SeedsFolder(), options.ShingleSize, new HtmlText(), NullLogger.Instance);
            Dedup = new Deduplicator(seeds, Options.Create(options), TimeProvider.System);
            Now = DateTimeOffset.UtcNow;

            New = SyntheticNews.English(1);
            NewFingerprint = Fingerprint(New);
            var newAnchors = NewFingerprint.Anchors.Where(a => a.Kind is not (AnchorKind.Year or AnchorKind.Weekday or AnchorKind.Month)).ToHashSet();

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var pausedBefore = GC.GetTotalPauseDuration();
            var started = Stopwatch.GetTimestamp();
            var rng = new Random(5);
            var horizon = TimeSpan.FromDays(options.HorizonDays);
            var storyCutoff = Now.AddDays(-options.StoryDays);
            int recent = 0, sharingOne = 0, sharingTwo = 0;
            long anchorCount = 0;
            for (var i = 0; i < articles; i++)
            {
                var fingerprint = SyntheticNews.RandomFingerprint(rng, Dedup.MinHash);
                anchorCount += fingerprint.Anchors.Count;
                var foundAt = Now - horizon * rng.NextDouble();
                Dedup.Remember($"https://example.com/{i}", fingerprint, foundAt);
                if (foundAt >= storyCutoff)
                {
                    // Recent articles sharing an indexed anchor with the new one: candidates of the story model.
                    recent++;
                    var shared = fingerprint.Anchors.Count(newAnchors.Contains);
                    if (shared >= 1)
                        sharingOne++;
                    if (shared >= 2)
                        sharingTwo++;
                }
            }
            var filling = Stopwatch.GetElapsedTime(started);
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var after = GC.GetTotalMemory(forceFullCollection: true);

            // One real article an hour old, and another outlet's copy of it (about one sentence in six rewritten) to check.
            var stored = SyntheticNews.English(5, variant: true);
            Dedup.Remember("https://example.com/stored", Fingerprint(stored), Now.AddHours(-1));
            Copy = SyntheticNews.English(5);

            Console.WriteLine($"// Seeds: {seeds.FileCount} files, {seeds.Passages.Count} passages, {seeds.Windows.Count} windows; " +
                $"remembered articles have {(double)anchorCount / articles:0.0} anchors on average, the new article {NewFingerprint.Anchors.Count} " +
                $"(generated {New.Facts.Count}, read back by Anchor.Of but not generated: [{string.Join(", ", NewFingerprint.Anchors.Except(New.Facts))}], " +
                $"generated but not read: [{string.Join(", ", New.Facts.Except(NewFingerprint.Anchors))}])");
            Console.WriteLine($"// {articles:N0} articles remembered ({Dedup.RememberedCount:N0} signatures) in {filling.TotalSeconds:0.0} s " +
                $"({filling.TotalNanoseconds / articles / 1000:0.0} µs per article, fingerprint synthesis included; GC pauses {paused.TotalSeconds:0.0} s); managed memory {(after - before) / 1048576.0:N0} MiB; " +
                $"process working set {Environment.WorkingSet / 1048576.0:N0} MiB");
            Console.WriteLine($"// {recent:N0} articles of the last {options.StoryDays} days; the new article's {newAnchors.Count} indexed anchors are shared " +
                $"with {sharingOne:N0} of them, 2 or more with {sharingTwo:N0}");
            Console.WriteLine($"// New article: {Describe(Dedup.Check(NewKey, NewFingerprint))}");
            Console.WriteLine($"// Copy of a remembered article: {Describe(Dedup.Check(CopyKey, Fingerprint(Copy)))}");
        }

        public int Articles { get; }

        public Deduplicator Dedup { get; }

        public DateTimeOffset Now { get; }

        public NewsItem New { get; }

        public Fingerprint NewFingerprint { get; }

        public NewsItem Copy { get; }

        /// <summary>Set once <see cref="Deduplicator.Forget"/> has emptied the anchor index: the history is no longer the one measured by the other benchmarks.</summary>
        public bool Aged { get; set; }

        public Fingerprint Fingerprint(NewsItem item) => Dedup.Fingerprint(item.Title, item.Summary, item.Content);
    }

    /// <summary>The seeds folder of the repository (found from the program's folder or the current one).</summary>
    private static string SeedsFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")) && Directory.Exists(Path.Combine(dir.FullName, "seeds")))
                    return Path.Combine(dir.FullName, "seeds");
        return Path.Combine(AppContext.BaseDirectory, "seeds");
    }
}
