using Microsoft.Extensions.Options;
using Monitor.Text;

namespace Monitor.Dedup;

/// <summary>
/// Decides whether an article was already seen, in order:
/// <list type="number">
/// <item>Seed copy: its shingles are mostly inside one seed file, or a seed passage is inside it (exact overlap,
/// through the seed corpus's inverted index).</item>
/// <item>Seed event: the <see cref="StoryModel"/> finds it reports the event of a window of one seed: a translation or
/// another outlet's report of the seed's story.</item>
/// <item>Earlier article: candidates come from MinHash/LSH (near copies), from the rare anchors and from the rare
/// content words it shares with articles of the last <see cref="DedupOptions.StoryDays"/> days; the story model
/// weighs each and the article joins the story of the most probable one above the threshold.</item>
/// </list>
/// <see cref="CheckAndRemember"/> and <see cref="CheckAndRememberAll"/> are atomic, so two copies of one story polled
/// at the same moment from two feeds still end up in one story.
/// </summary>
public sealed class Deduplicator
{
    private readonly SeedCorpus _seeds;
    private readonly DedupOptions _options;
    private readonly IFingerprintArchive? _archive;
    private readonly Func<string, string, string?>? _toEnglish;
    private readonly LshIndex _lsh;
    private readonly List<Remembered> _documents = [];
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Anchor, List<int>> _anchorIndex = new();
    private readonly Dictionary<uint, List<int>> _termIndex = new();
    private readonly DocumentFrequencies _frequencies = new();
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private IReadOnlyList<SeedPrint>? _seedPrints;

    /// <param name="toEnglish">Renders a text of a language in English, or null (see <see cref="EnglishTranslator"/>).</param>
    public Deduplicator(SeedCorpus seeds, IOptions<DedupOptions> options, TimeProvider time, IFingerprintArchive? archive = null,
        Func<string, string, string?>? toEnglish = null)
    {
        _time = time;
        _seeds = seeds;
        _options = options.Value;
        _archive = archive;
        _toEnglish = toEnglish;
        Model = new StoryModel(_options.Story);
        MinHash = new MinHash(_options.Bands * _options.Rows);
        _lsh = new LshIndex(_options.Bands, _options.Rows);
    }

    public MinHash MinHash { get; }

    public StoryModel Model { get; }

    /// <summary>Earlier articles indexed (within the horizon).</summary>
    public int RememberedCount => _lsh.Count;

    /// <param name="repeated">Lines repeated across the items of the article's feed (its footer), to leave out.</param>
    public Fingerprint Fingerprint(string title, string summary, string content, IReadOnlySet<string>? repeated = null)
    {
        var body = ArticleBody.Of(summary, content);
        return Dedup.Fingerprint.Of(title, body, _options.ShingleSize, MinHash, repeated, _toEnglish);
    }

    /// <summary>The verdict for an article, and (unless it repeats a seed) the article remembered as a story member.</summary>
    public DedupVerdict CheckAndRemember(string key, Fingerprint fingerprint, DateTimeOffset foundAt, DateTimeOffset? published = null) =>
        CheckAndRememberAll([new Arrival(key, fingerprint, foundAt, published)])[0];

    /// <summary>
    /// The verdicts for a batch of new articles (one poll's), in the batch's order. Every article of the batch counts
    /// in the IDF before any is decided, and they are decided in order of publication (found time when undated), so
    /// that a backfill of months is read as the news came and the first report of a story leads it.
    /// </summary>
    public IReadOnlyList<DedupVerdict> CheckAndRememberAll(IReadOnlyList<Arrival> batch)
    {
        lock (_gate)
        {
            CountInIdf(batch.Select(a => (a.Key, a.Fingerprint)));
            var verdicts = new DedupVerdict[batch.Count];
            foreach (var i in Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].Published ?? batch[i].FoundAt).ThenBy(i => i))
            {
                var a = batch[i];
                verdicts[i] = Check(a.Key, a.Fingerprint, new StoryTime(a.Published, a.FoundAt));
                if (verdicts[i].Outcome != DedupOutcome.SeedDuplicate)
                    Remember(a.Key, a.Fingerprint, a.FoundAt, verdicts[i].StoryOf, a.Published);
            }
            return verdicts;
        }
    }

    public DedupVerdict Check(string key, Fingerprint fingerprint, StoryTime time = default)
    {
        lock (_gate)
        {
            EnsureSeeds();
            var seedCopy = SeedCopy(fingerprint);
            if (seedCopy.Outcome == DedupOutcome.SeedDuplicate)
                return seedCopy;
            var (seedEvent, closestSeed) = SeedEvent(fingerprint, time);
            if (seedEvent is not null)
                return seedEvent;
            var (story, closestStory) = SameStory(key, fingerprint, time);
            if (story is not null)
                return story;
            var closest = string.Join("; ", new[] { closestSeed, closestStory }.OfType<string>());
            return seedCopy with { Closest = closest.Length == 0 ? null : closest };
        }
    }

    private DedupVerdict SeedCopy(Fingerprint fingerprint)
    {
        var threshold = _options.ContainmentThreshold;
        var shingles = fingerprint.Shingles;
        if (shingles.Length < _options.MinShingles || _seeds.Passages.Count == 0)
            return DedupVerdict.New(0, threshold);

        var hitsPerPassage = new Dictionary<int, int>();
        var hitsPerFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shingle in shingles)
        {
            var passages = _seeds.PassagesWith(shingle);
            if (passages.Count == 0)
                continue;
            files.Clear();
            foreach (var p in passages)
            {
                hitsPerPassage[p] = hitsPerPassage.GetValueOrDefault(p) + 1;
                files.Add(_seeds.Passages[p].SeedFile);
            }
            foreach (var file in files)
                hitsPerFile[file] = hitsPerFile.GetValueOrDefault(file) + 1;
        }

        var best = DedupVerdict.New(0, threshold);
        foreach (var (file, hits) in hitsPerFile)
        {
            var share = (double)hits / shingles.Length;
            if (share > best.Value)
            {
                var passage = hitsPerPassage.Where(h => _seeds.Passages[h.Key].SeedFile == file).MaxBy(h => h.Value).Key;
                best = best with { SeedFile = file, PassageIndex = _seeds.Passages[passage].Index, Measure = DedupVerdict.ArticleInSeed, Value = share };
            }
        }
        if (best.Value >= threshold)
            return best with { Outcome = DedupOutcome.SeedDuplicate };

        // A seed article inside a longer page: most of the passage is there, and it is a real part of the page (a
        // page that only quotes a few sentences of a seed, or cites it at the end of its own story, is new).
        foreach (var (p, hits) in hitsPerPassage)
        {
            var passage = _seeds.Passages[p];
            var share = (double)hits / passage.Shingles.Length;
            var partOfPage = (double)hits / shingles.Length;
            if (passage.Shingles.Length >= _options.MinShingles * 4 && share >= _options.PassageContainmentThreshold && partOfPage >= threshold / 2)
                return new DedupVerdict(DedupOutcome.SeedDuplicate, passage.SeedFile, passage.Index, null, DedupVerdict.SeedInArticle, share, _options.PassageContainmentThreshold, []);
        }
        return best with { SeedFile = null, PassageIndex = null, Measure = null };
    }

    /// <summary>The seed window the story model finds most probably the article's event; a duplicate above the threshold.</summary>
    private (DedupVerdict? Verdict, string? Closest) SeedEvent(Fingerprint fingerprint, StoryTime time)
    {
        if (fingerprint.Shingles.Length < _options.MinShingles)
            return (null, null);
        SeedPrint? best = null;
        var bestLogit = double.NegativeInfinity;
        foreach (var seed in _seedPrints!)
        {
            var logit = Model.Logit(StorySignals.Between(fingerprint, seed.Fingerprint, time, StoryTime.Unknown, _frequencies) with { WithSeed = true });
            if (logit > bestLogit)
                (bestLogit, best) = (logit, seed);
        }
        if (best is null)
            return (null, null);
        var signals = StorySignals.Between(fingerprint, best.Fingerprint, time, StoryTime.Unknown, _frequencies, listAnchors: true) with { WithSeed = true };
        var p = Model.Probability(signals);
        if (Model.Joins(signals))
            return (new DedupVerdict(DedupOutcome.SeedDuplicate, best.Window.SeedFile, best.Window.FirstPassage, null, DedupVerdict.SeedStory,
                p, Model.Options.Threshold, signals.SharedAnchors, Signals: signals), null);
        return (null, FormattableString.Invariant($"closest seed {best.Window.SeedFile} p={p:0.00} < {Model.Options.Threshold:0.##} ({signals.Summary})"));
    }

    /// <summary>The earlier article (of the last StoryDays days) the story model finds most probably the same event.</summary>
    private (DedupVerdict? Verdict, string? Closest) SameStory(string key, Fingerprint fingerprint, StoryTime time)
    {
        // A bare headline (fewer than MinShingles shingles) is too little text to judge, as with the seeds.
        if (fingerprint.Shingles.Length < _options.MinShingles)
            return (null, null);
        Remembered? best = null;
        DedupVerdict? oldCopy = null;
        var bestLogit = double.NegativeInfinity;
        foreach (var doc in Candidates(key, fingerprint))
        {
            var other = _documents[doc];
            oldCopy = Copy(fingerprint, other, oldCopy);
            if (other.Print is not { } print || print.Shingles.Length < _options.MinShingles)
                continue;
            var logit = Model.Logit(StorySignals.Between(fingerprint, print, time, other.Time, _frequencies));
            if (logit > bestLogit)
                (bestLogit, best) = (logit, other);
        }
        // Copied text is the same story whatever the other signals say: the labelled reports of one event are
        // rarely copies, so the model cannot learn that, and a copy must never be shown twice.
        if (oldCopy is not null || best is null)
            return (oldCopy, null);
        var signals = StorySignals.Between(fingerprint, best.Print!, time, best.Time, _frequencies, listAnchors: true);
        var p = Model.Probability(signals);
        if (Model.Joins(signals))
            return (new DedupVerdict(DedupOutcome.SameStory, null, null, best.StoryKey, DedupVerdict.EarlierStory, p, Model.Options.Threshold,
                signals.SharedAnchors, Signals: signals), null);
        return (null, FormattableString.Invariant($"closest story {best.Key} p={p:0.00} < {Model.Options.Threshold:0.##} ({signals.Summary})"));
    }

    /// <summary>
    /// Whether the article copies an earlier one (most of one inside the other, or Jaccard above the threshold),
    /// measured exactly on the shingles kept in memory, or in the archive for an article older than StoryDays (but
    /// within the horizon, where LSH still finds it).
    /// </summary>
    private DedupVerdict? Copy(Fingerprint fingerprint, Remembered other, DedupVerdict? best)
    {
        if (fingerprint.Shingles.Length < _options.MinShingles || (other.Shingles ?? _archive?.Shingles(other.Key)) is not { } shingles)
            return best;
        var shared = (double)Dedup.Fingerprint.Overlap(fingerprint.Shingles, shingles);
        var jaccard = shared / (fingerprint.Shingles.Length + shingles.Length - shared);
        var inEarlier = shared / fingerprint.Shingles.Length;
        var earlierIn = shared / Math.Max(1, shingles.Length);
        var (measure, value, threshold) = jaccard >= _options.JaccardThreshold
            ? (DedupVerdict.Jaccard, jaccard, _options.JaccardThreshold)
            : inEarlier >= earlierIn ? (DedupVerdict.ArticleInEarlier, inEarlier, _options.ContainmentThreshold) : (DedupVerdict.EarlierInArticle, earlierIn, _options.ContainmentThreshold);
        return value >= threshold && (best is null || value > best.Value)
            ? new DedupVerdict(DedupOutcome.SameStory, null, null, other.StoryKey, measure, value, threshold, [])
            : best;
    }

    /// <summary>
    /// The recent articles worth weighing: those LSH finds near one of its windows, those sharing an anchor or a
    /// content word few recent articles have (a list longer than <see cref="CommonPosting"/> says nothing of which
    /// story this is, and following it would make every lookup linear in the history), the best
    /// <see cref="MaxCandidates"/> of them by how many they share.
    /// </summary>
    private IEnumerable<int> Candidates(string key, Fingerprint fingerprint)
    {
        var shared = new Dictionary<int, int>();
        if (fingerprint.Shingles.Length >= _options.MinShingles)
        {
            var near = new HashSet<long>();
            foreach (var signature in fingerprint.Signatures)
                _lsh.Candidates(signature, near);
            foreach (var doc in near)
                shared[(int)doc] = CommonPosting * 4;
        }
        foreach (var anchor in fingerprint.Anchors)
            if (IsIndexed(anchor) && _anchorIndex.TryGetValue(anchor, out var docs) && docs.Count <= CommonPosting)
                foreach (var doc in docs)
                    shared[doc] = shared.GetValueOrDefault(doc) + 2;
        foreach (var term in fingerprint.Terms.Terms)
            Follow(term, shared);
        if (fingerprint.EnglishTerms is { } english)
            foreach (var term in english.Terms)
                Follow(term, shared);
        return shared.Where(s => _documents[s.Key].Key != key)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(MaxCandidates).Select(s => s.Key);

        void Follow(uint term, Dictionary<int, int> counts)
        {
            if (_termIndex.TryGetValue(term, out var docs) && docs.Count <= CommonPosting)
                foreach (var doc in docs)
                    counts[doc] = counts.GetValueOrDefault(doc) + 1;
        }
    }

    private const int CommonPosting = 200;

    private const int MaxCandidates = 60;

    private static bool IsIndexed(Anchor anchor) => anchor.Kind is not (AnchorKind.Year or AnchorKind.Weekday or AnchorKind.Month);

    /// <summary>
    /// Adds an article (its windows' signatures, and for recent ones its whole fingerprint) to what later articles
    /// are compared with. <paramref name="storyKey"/> is the story it joined; null when it starts its own.
    /// </summary>
    public void Remember(string key, Fingerprint fingerprint, DateTimeOffset foundAt, string? storyKey = null, DateTimeOffset? published = null)
    {
        lock (_gate)
        {
            if (_byKey.ContainsKey(key))
                return;
            var index = _documents.Count;
            var recent = foundAt >= _time.GetUtcNow().AddDays(-_options.StoryDays);
            // The signatures live in the LSH index; the rest is kept for the candidates' exact measures.
            var kept = recent ? fingerprint with { Signatures = [] } : null;
            _documents.Add(new Remembered(key, storyKey ?? key, foundAt, published, kept, kept?.Shingles));
            _byKey[key] = index;
            foreach (var signature in fingerprint.Signatures)
                _lsh.Add(index, signature, foundAt);
            if (recent)
            {
                Count(key, fingerprint);
                Index(index, fingerprint);
            }
        }
    }

    /// <summary>
    /// Adds an article to the anchor and term indexes. A list that already holds more than
    /// <see cref="CommonPosting"/> articles is never read (see <see cref="Candidates"/>), so it stops growing there.
    /// </summary>
    private void Index(int index, Fingerprint fingerprint)
    {
        foreach (var anchor in fingerprint.Anchors.Where(IsIndexed))
            Add(_anchorIndex, anchor, index);
        foreach (var term in fingerprint.Terms.Terms)
            Add(_termIndex, term, index);
        if (fingerprint.EnglishTerms is { } english)
            foreach (var term in english.Terms)
                Add(_termIndex, term, index);

        static void Add<T>(Dictionary<T, List<int>> postings, T key, int index) where T : notnull
        {
            if (!postings.TryGetValue(key, out var docs))
                postings[key] = docs = [];
            if (docs.Count <= CommonPosting && (docs.Count == 0 || docs[^1] != index))
                docs.Add(index);
        }
    }

    /// <summary>The story an earlier article belongs to, when it is remembered.</summary>
    public string? StoryOf(string key)
    {
        lock (_gate)
            return _byKey.TryGetValue(key, out var index) ? _documents[index].StoryKey : null;
    }

    /// <summary>
    /// Forgets signatures older than the horizon, and keeps fingerprints in memory (and in the IDF) only for the last
    /// <see cref="DedupOptions.StoryDays"/> days (older shingles are read from the archive when a candidate needs them).
    /// </summary>
    public int Forget(DateTimeOffset now)
    {
        lock (_gate)
        {
            // The indexes and the IDF are rebuilt from the articles still recent: one pass, where removing each
            // aged-out article from its lists was quadratic in the length of the common lists.
            var storyCutoff = now.AddDays(-_options.StoryDays);
            _anchorIndex.Clear();
            _termIndex.Clear();
            _frequencies.Clear();
            _counted.Clear();
            for (var i = 0; i < _documents.Count; i++)
            {
                if (_documents[i].Print is not { } print)
                    continue;
                if (_documents[i].FoundAt < storyCutoff)
                    _documents[i] = _documents[i] with { Print = null, Shingles = _archive is null ? print.Shingles : null };
                else
                {
                    Count(_documents[i].Key, print);
                    Index(i, print);
                }
            }
            return _lsh.RemoveOlderThan(now.AddDays(-_options.HorizonDays));
        }
    }

    /// <summary>
    /// Fingerprints the seed windows once, with their English renderings (the seeds are translated once, at the first
    /// check), and makes the seed files the IDF's prior.
    /// </summary>
    private void EnsureSeeds()
    {
        if (_seedPrints is not null)
            return;
        var prints = new List<SeedPrint>();
        foreach (var window in _seeds.Windows)
            prints.Add(new SeedPrint(window, Dedup.Fingerprint.Of("", window.Text, _options.ShingleSize, MinHash, null, _toEnglish)));
        // The seed files are the IDF's prior: a sample of the beat before any history.
        _frequencies.SetPrior(_seeds.Passages.GroupBy(p => p.SeedFile)
            .Select(file => Dedup.Fingerprint.Of("", string.Join("\n", file.Select(p => p.Text)), _options.ShingleSize, MinHash, null, null)).ToList());
        _seedPrints = prints;
    }

    /// <summary>The IDF the history teaches, for tests and the calibration.</summary>
    internal DocumentFrequencies Frequencies => _frequencies;

    /// <summary>Counts texts in the IDF as a poll's batch does before deciding them (also the calibration's view of a poll).</summary>
    internal void CountInIdf(IEnumerable<(string Key, Fingerprint Fingerprint)> texts)
    {
        lock (_gate)
        {
            EnsureSeeds();
            foreach (var (key, fingerprint) in texts)
                Count(key, fingerprint);
        }
    }

    /// <summary>Counts a text in the IDF once, however often it is checked or remembered. Caller holds the lock.</summary>
    private void Count(string key, Fingerprint fingerprint)
    {
        if (_counted.Add(key))
            _frequencies.Add(fingerprint);
    }

    /// <summary>The seed windows as the story model sees them, for the calibration.</summary>
    internal IReadOnlyList<(string SeedFile, Fingerprint Fingerprint)> SeedWindows()
    {
        lock (_gate)
        {
            EnsureSeeds();
            return _seedPrints!.Select(s => (s.Window.SeedFile, s.Fingerprint)).ToList();
        }
    }

    private sealed record SeedPrint(SeedWindow Window, Fingerprint Fingerprint);

    private sealed record Remembered(string Key, string StoryKey, DateTimeOffset FoundAt, DateTimeOffset? Published, Fingerprint? Print, uint[]? Shingles)
    {
        public StoryTime Time => new(Published, FoundAt);
    }
}

/// <summary>A new article for <see cref="Deduplicator.CheckAndRememberAll"/>: its key, fingerprint and times.</summary>
public sealed record Arrival(string Key, Fingerprint Fingerprint, DateTimeOffset FoundAt, DateTimeOffset? Published);

/// <summary>Where older articles' shingles are kept (the database), read back only when such an article is a candidate.</summary>
public interface IFingerprintArchive
{
    uint[]? Shingles(string articleKey);
}
