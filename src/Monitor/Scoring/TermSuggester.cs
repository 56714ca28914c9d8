using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Scoring;

/// <summary>
/// Terms the seed corpus uses that no watchlist covers yet, for <c>monitor suggest-terms</c>. Candidates are the
/// <see cref="PhraseGrams"/> of each seed file, analysed with the chain of its language, that occur at least
/// <see cref="MinCount"/> times; a phrase that only ever occurs inside a longer candidate gives way to it ("Bank" to
/// "Bank of China"). Weight = occurrences in the seeds × idf, where idf = ln((1 + N) / (1 + df)) and the
/// documents are the stored articles plus the seed files themselves: smoothed, so that it ranks on an empty database
/// too (by frequency in the seeds alone), and a phrase every stored article uses weighs little. A candidate is covered
/// when a watchlist term or exclude (phrase, NEAR pair or regex) matches its words as written, read by
/// <see cref="WatchlistMatcher"/> as it reads articles. Ties are broken by the words, so the list is deterministic.
/// </summary>
public sealed class TermSuggester
{
    public const int MinCount = 2;

    private readonly Dictionary<string, Candidate> _candidates = new(StringComparer.Ordinal);
    private readonly List<string> _analyzers = [];

    public TermSuggester(IReadOnlyList<(string File, string Text)> seeds)
    {
        SeedFiles = seeds.Count;
        foreach (var (file, text) in seeds.OrderBy(s => s.File, StringComparer.Ordinal))
        {
            var analyzer = TextAnalysis.For(LanguageGuess.Of(text))[0];
            if (!_analyzers.Contains(analyzer))
                _analyzers.Add(analyzer);
            foreach (var gram in PhraseGrams.Of(analyzer, text))
            {
                if (!_candidates.TryGetValue(gram.Key, out var candidate))
                    _candidates[gram.Key] = candidate = new Candidate(gram.Key);
                candidate.Add(file, text, gram);
            }
        }

        foreach (var rare in _candidates.Values.Where(c => c.Count < MinCount).ToList())
            _candidates.Remove(rare.Key);
        var inside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in _candidates.Values)
        {
            var words = candidate.Key.Split(' ');
            for (var length = 1; length < words.Length; length++)
            {
                for (var from = 0; from + length <= words.Length; from++)
                {
                    var part = string.Join(' ', words, from, length);
                    if (_candidates.TryGetValue(part, out var shorter) && shorter.Count == candidate.Count)
                        inside.Add(part);
                }
            }
        }
        foreach (var key in inside)
            _candidates.Remove(key);
    }

    /// <summary>From the seed passages (boilerplate and short lines already left out), one text per seed file.</summary>
    public static TermSuggester From(SeedCorpus corpus) =>
        new(corpus.Passages.GroupBy(p => p.SeedFile, StringComparer.Ordinal)
            .Select(g => (g.Key, string.Join("\n", g.OrderBy(p => p.Index).Select(p => p.Text)))).ToList());

    public int SeedFiles { get; }

    /// <summary>Counts document frequencies over <paramref name="storedTexts"/>, then ranks the candidates and keeps the <paramref name="top"/> no watchlist covers.</summary>
    public async Task<TermSuggestions> SuggestAsync(WatchlistSet watchlists, IAsyncEnumerable<string> storedTexts, int top, CancellationToken cancellationToken)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var text in storedTexts.WithCancellation(cancellationToken))
        {
            documents++;
            seen.Clear();
            foreach (var analyzer in _analyzers)
                foreach (var gram in PhraseGrams.Of(analyzer, text))
                    if (_candidates.ContainsKey(gram.Key) && seen.Add(gram.Key))
                        df[gram.Key] = df.GetValueOrDefault(gram.Key) + 1;
        }

        var total = documents + SeedFiles;
        var ranked = _candidates.Values
            .Select(c => (Candidate: c, Articles: df.GetValueOrDefault(c.Key), Score: c.Count * Math.Log((1.0 + total) / (1.0 + df.GetValueOrDefault(c.Key) + c.Files.Count))))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Candidate.Key, StringComparer.Ordinal);
        var coverage = Coverage(watchlists);
        var matcher = new WatchlistMatcher();
        var suggestions = new List<TermSuggestion>();
        var covered = 0;
        foreach (var (candidate, articles, score) in ranked)
        {
            var surface = candidate.Surface;
            // Covered only when a term spans the whole candidate: "China Telecom" is new even though "China" is a term.
            if (matcher.Score(coverage, surface, null, null).Scores.Any(s => s.Matches.Any(m => Spans(m.Form, surface))))
            {
                covered++;
                continue;
            }
            suggestions.Add(new TermSuggestion(suggestions.Count + 1, score, surface, candidate.Count, candidate.Files.Count, articles, candidate.Example(), candidate.ExampleFile));
        }
        return new TermSuggestions(suggestions.Take(top).ToList(), suggestions.Count, covered, documents, SeedFiles);
    }

    /// <summary>
    /// The watchlists with their excludes counted as terms and no require group: a phrase an exclude already names is
    /// as known to the analyst as a term, and a require group would hide the terms it vetoes.
    /// </summary>
    private static WatchlistSet Coverage(WatchlistSet watchlists) =>
        watchlists with
        {
            Watchlists = watchlists.Watchlists.Select(w => w with { Terms = [.. w.Terms, .. w.Excludes], Excludes = [], Requires = [], SeedBonus = 0 }).ToList(),
        };

    private static bool Spans(string? form, string surface) =>
        form is not null && form.Trim().Length >= surface.Trim().Length;

    /// <summary>Text on one line, runs of white space as one space.</summary>
    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>One candidate: its occurrences, the seed files it is in, and each way it is written with where that first occurs.</summary>
    private sealed class Candidate(string key)
    {
        private const int Around = 40;
        private readonly Dictionary<string, (int Count, string File, string Text, PhraseGram First)> _surfaces = new(StringComparer.Ordinal);

        public string Key => key;

        public int Count { get; private set; }

        public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

        /// <summary>The way the seeds write it most often (the first in ordinal order among equals).</summary>
        public string Surface => _surfaces.OrderByDescending(s => s.Value.Count).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;

        public string ExampleFile => _surfaces[Surface].File;

        public void Add(string file, string text, PhraseGram gram)
        {
            Count++;
            Files.Add(file);
            var surface = Words(text[gram.Start..gram.End]);
            _surfaces[surface] = _surfaces.TryGetValue(surface, out var known) ? known with { Count = known.Count + 1 } : (1, file, text, gram);
        }

        /// <summary>
        /// The first place the seeds write it as <see cref="Surface"/>, with up to <see cref="Around"/> characters either
        /// side, within its line, cut at spaces.
        /// </summary>
        public string Example()
        {
            var (_, _, text, first) = _surfaces[Surface];
            var lineStart = first.Start == 0 ? 0 : text.LastIndexOf('\n', first.Start - 1) + 1;
            var lineEnd = text.IndexOf('\n', first.End) is var e && e >= 0 ? e : text.Length;
            var from = Math.Max(lineStart, first.Start - Around);
            if (from > lineStart && text.IndexOf(' ', from, first.Start - from) is var space && space >= 0)
                from = space + 1;
            var to = Math.Min(lineEnd, first.End + Around);
            if (to < lineEnd && text.LastIndexOf(' ', to - 1, to - first.End) is var last && last >= 0)
                to = last;
            return (from > lineStart ? "…" : "") + Words(text[from..to]) + (to < lineEnd ? "…" : "");
        }
    }
}
