using Microsoft.Extensions.Options;

namespace Monitor.Dedup;

/// <summary>
/// Decides whether an article was already seen, in order:
/// <list type="number">
/// <item>Seed copy: its shingles are mostly inside one seed file, or a seed passage is inside it (exact overlap,
/// through the seed corpus's inverted index).</item>
/// <item>Seed event: it shares enough language-independent anchors (amounts, dates, names, codes, sources) with a
/// window of one seed: a translation or another outlet's report of the seed's story.</item>
/// <item>Earlier article: MinHash/LSH finds earlier articles (within <see cref="DedupOptions.HorizonDays"/>) close to one
/// of its windows, and an exact check on their shingles (Jaccard, containment both ways) confirms; else anchors
/// shared with an article of the last <see cref="DedupOptions.StoryDays"/> days. Either way it joins that story.</item>
/// </list>
/// <see cref="CheckAndRemember"/> is atomic, so two copies of one story polled at the same moment from two feeds
/// still end up in one story.
/// </summary>
public sealed class Deduplicator
{
    private readonly SeedCorpus _seeds;
    private readonly DedupOptions _options;
    private readonly IFingerprintArchive? _archive;
    private readonly LshIndex _lsh;
    private readonly List<Remembered> _documents = [];
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Anchor, List<int>> _anchorIndex = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public Deduplicator(SeedCorpus seeds, IOptions<DedupOptions> options, TimeProvider time, IFingerprintArchive? archive = null)
    {
        _time = time;
        _seeds = seeds;
        _options = options.Value;
        _archive = archive;
        MinHash = new MinHash(_options.Bands * _options.Rows);
        _lsh = new LshIndex(_options.Bands, _options.Rows);
    }

    public MinHash MinHash { get; }

    /// <summary>Earlier articles indexed (within the horizon).</summary>
    public int RememberedCount => _lsh.Count;

    /// <param name="repeated">Lines repeated across the items of the article's feed (its footer), to leave out.</param>
    public Fingerprint Fingerprint(string title, string summary, string content, IReadOnlySet<string>? repeated = null) =>
        Dedup.Fingerprint.Of(title, Body(summary, content), _options.ShingleSize, MinHash, repeated);

    /// <summary>Summary and content, the summary left out when the content already starts with it.</summary>
    private static string Body(string summary, string content)
    {
        if (summary.Length == 0)
            return content;
        if (content.Length == 0)
            return summary;
        var head = summary.Length > 120 ? summary[..120] : summary;
        return content.Contains(head, StringComparison.Ordinal) ? content : summary + "\n" + content;
    }

    /// <summary>The verdict for an article, and (unless it repeats a seed) the article remembered as a story member.</summary>
    public DedupVerdict CheckAndRemember(string key, Fingerprint fingerprint, DateTimeOffset foundAt)
    {
        lock (_gate)
        {
            var verdict = Check(key, fingerprint);
            if (verdict.Outcome != DedupOutcome.SeedDuplicate)
                Remember(key, fingerprint, foundAt, verdict.StoryOf);
            return verdict;
        }
    }

    public DedupVerdict Check(string key, Fingerprint fingerprint)
    {
        var seedCopy = SeedCopy(fingerprint);
        if (seedCopy.Outcome == DedupOutcome.SeedDuplicate)
            return seedCopy;
        var (seedEvent, closestSeed) = SeedEvent(fingerprint);
        if (seedEvent is not null)
            return seedEvent;
        var story = NearCopy(key, fingerprint) ?? SameEvent(key, fingerprint);
        if (story is not null)
            return story;
        return seedCopy with { Closest = closestSeed };
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

    private (DedupVerdict? Verdict, string? Closest) SeedEvent(Fingerprint fingerprint)
    {
        SeedWindow? bestWindow = null;
        var bestScore = 0.0;
        foreach (var window in _seeds.Windows)
        {
            var (score, _) = AnchorMatch.Measure(fingerprint.Anchors, window.Anchors);
            if (score > bestScore)
                (bestScore, bestWindow) = (score, window);
        }
        if (bestWindow is null)
            return (null, null);
        var best = AnchorMatch.Between(fingerprint.Anchors, bestWindow.Anchors);
        if (best.Score >= _options.SeedAnchorThreshold && best.Shared.Count >= _options.MinSharedAnchors)
            return (new DedupVerdict(DedupOutcome.SeedDuplicate, bestWindow.SeedFile, bestWindow.FirstPassage, null, DedupVerdict.SeedAnchors,
                best.Score, _options.SeedAnchorThreshold, best.Shared.Select(a => a.ToString()).ToList()), null);
        return (null, FormattableString.Invariant($"closest seed by anchors {bestWindow.SeedFile} {best.Score:0.##} < {_options.SeedAnchorThreshold:0.##} ({best})"));
    }

    private DedupVerdict? NearCopy(string key, Fingerprint fingerprint)
    {
        if (fingerprint.Shingles.Length < _options.MinShingles)
            return null;
        var candidates = new HashSet<long>();
        foreach (var signature in fingerprint.Signatures)
            _lsh.Candidates(signature, candidates);

        DedupVerdict? best = null;
        foreach (var candidate in candidates)
        {
            var other = _documents[(int)candidate];
            if (other.Key == key || (other.Shingles ?? _archive?.Shingles(other.Key)) is not { } shingles)
                continue;
            var shared = (double)Dedup.Fingerprint.Overlap(fingerprint.Shingles, shingles);
            var jaccard = shared / (fingerprint.Shingles.Length + shingles.Length - shared);
            var inEarlier = shared / fingerprint.Shingles.Length;
            var earlierIn = shared / Math.Max(1, shingles.Length);
            var (measure, value, threshold) = jaccard >= _options.JaccardThreshold
                ? (DedupVerdict.Jaccard, jaccard, _options.JaccardThreshold)
                : inEarlier >= earlierIn ? (DedupVerdict.ArticleInEarlier, inEarlier, _options.ContainmentThreshold) : (DedupVerdict.EarlierInArticle, earlierIn, _options.ContainmentThreshold);
            if (value >= threshold && (best is null || value > best.Value))
                best = new DedupVerdict(DedupOutcome.SameStory, null, null, other.StoryKey, measure, value, threshold, []);
        }
        return best;
    }

    private DedupVerdict? SameEvent(string key, Fingerprint fingerprint)
    {
        // Candidates come from the anchors few recent articles have: an anchor in more than CommonAnchor of them
        // ("Nvidia", "10%") says nothing about which story this is, and following it would make every lookup
        // linear in the history. It still counts in the score of the candidates found through rarer anchors.
        var sharedCounts = new Dictionary<int, int>();
        foreach (var anchor in fingerprint.Anchors)
            if (IsIndexed(anchor) && _anchorIndex.TryGetValue(anchor, out var docs) && docs.Count <= CommonAnchor)
                foreach (var doc in docs)
                    sharedCounts[doc] = sharedCounts.GetValueOrDefault(doc) + 1;

        Remembered? best = null;
        var bestScore = 0.0;
        foreach (var (doc, count) in sharedCounts)
        {
            var other = _documents[doc];
            if (count < 2 || other.Key == key || other.Anchors is null)
                continue;
            var (score, shared) = AnchorMatch.Measure(fingerprint.Anchors, other.Anchors);
            if (score >= _options.StoryAnchorThreshold && shared >= _options.MinSharedAnchors && (best is null || score > bestScore))
                (best, bestScore) = (other, score);
        }
        if (best is null)
            return null;
        var match = AnchorMatch.Between(fingerprint.Anchors, best.Anchors!);
        return new DedupVerdict(DedupOutcome.SameStory, null, null, best.StoryKey, DedupVerdict.StoryAnchors, match.Score,
            _options.StoryAnchorThreshold, match.Shared.Select(a => a.ToString()).ToList());
    }

    private const int CommonAnchor = 200;

    private static bool IsIndexed(Anchor anchor) => anchor.Kind is not (AnchorKind.Year or AnchorKind.Weekday or AnchorKind.Month);

    /// <summary>
    /// Adds an article (its windows' signatures, and for recent ones its shingles and anchors) to what later articles
    /// are compared with. <paramref name="storyKey"/> is the story it joined; null when it starts its own.
    /// </summary>
    public void Remember(string key, Fingerprint fingerprint, DateTimeOffset foundAt, string? storyKey = null)
    {
        lock (_gate)
        {
            if (_byKey.ContainsKey(key))
                return;
            var index = _documents.Count;
            var recent = foundAt >= _time.GetUtcNow().AddDays(-_options.StoryDays);
            _documents.Add(new Remembered(key, storyKey ?? key, foundAt, recent ? fingerprint.Shingles : null, recent ? fingerprint.Anchors : null));
            _byKey[key] = index;
            foreach (var signature in fingerprint.Signatures)
                _lsh.Add(index, signature, foundAt);
            if (recent)
                IndexAnchors(index, fingerprint.Anchors);
        }
    }

    /// <summary>
    /// Adds an article to the anchor index. A list that already holds more than <see cref="CommonAnchor"/> articles
    /// is never read (see <see cref="SameEvent"/>), so it stops growing there.
    /// </summary>
    private void IndexAnchors(int index, IReadOnlySet<Anchor> anchors)
    {
        foreach (var anchor in anchors.Where(IsIndexed))
        {
            if (!_anchorIndex.TryGetValue(anchor, out var docs))
                _anchorIndex[anchor] = docs = [];
            if (docs.Count <= CommonAnchor)
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
    /// Forgets signatures older than the horizon, and keeps shingles and anchors in memory only for the last
    /// <see cref="DedupOptions.StoryDays"/> days (older shingles are read from the archive when a candidate needs them).
    /// </summary>
    public int Forget(DateTimeOffset now)
    {
        lock (_gate)
        {
            // The anchor index is rebuilt from the articles still recent: one pass, where removing each aged-out
            // article from its lists was quadratic in the length of the common anchors' lists.
            var storyCutoff = now.AddDays(-_options.StoryDays);
            _anchorIndex.Clear();
            for (var i = 0; i < _documents.Count; i++)
            {
                if (_documents[i].Anchors is null)
                    continue;
                if (_documents[i].FoundAt < storyCutoff)
                    _documents[i] = _documents[i] with { Shingles = _archive is null ? _documents[i].Shingles : null, Anchors = null };
                else
                    IndexAnchors(i, _documents[i].Anchors!);
            }
            return _lsh.RemoveOlderThan(now.AddDays(-_options.HorizonDays));
        }
    }

    private sealed record Remembered(string Key, string StoryKey, DateTimeOffset FoundAt, uint[]? Shingles, IReadOnlySet<Anchor>? Anchors);
}

/// <summary>Where older articles' shingles are kept (the database), read back only when such an article is a candidate.</summary>
public interface IFingerprintArchive
{
    uint[]? Shingles(string articleKey);
}
