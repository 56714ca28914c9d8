using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Scoring;

/// <summary>
/// The vocabulary of each seed file, for the seed-similarity signal: an article that uses the seeds' words (but is not
/// a duplicate of them) gets its watchlists' <c>seed_bonus</c>, so a relevant story phrased without any listed term can
/// still surface. Each seed file is analysed with the analyzer of its language and weighted by tf-idf over the seed
/// files (tf = 1 + ln count; idf = ln((N + 1) / (df + 0.5)), so words every seed uses count little); function words
/// weigh nothing. Similarity is the cosine between the article's words (1 + ln count) and the closest seed file's,
/// where the article's words that no seed uses add 1 each to its norm (they are counted, not stored).
/// Written here rather than taken from Lucene's MoreLikeThis, which needs an index and scores for ranking, not a
/// 0–1 similarity to threshold.
/// </summary>
public sealed class SeedVocabulary
{
    /// <summary>Word id used for function words: in the vocabulary so they are neither weighted nor counted in the norm.</summary>
    internal const int StopWord = -2;

    private readonly Dictionary<string, PerAnalyzer> _analyzers = new(StringComparer.Ordinal);

    public static readonly SeedVocabulary Empty = new([]);

    public SeedVocabulary(IReadOnlyList<(string File, string Text)> seeds)
    {
        var byAnalyzer = seeds
            .Select(s => (s.File, s.Text, Analyzer: TextAnalysis.For(LanguageGuess.Of(s.Text))[0]))
            .GroupBy(s => s.Analyzer, StringComparer.Ordinal);
        foreach (var group in byAnalyzer)
            _analyzers[group.Key] = new PerAnalyzer(group.Key, group.Select(g => (g.File, g.Text)).ToList(), seeds.Count);
    }

    public static SeedVocabulary From(SeedCorpus corpus) =>
        new(corpus.Passages.GroupBy(p => p.SeedFile, StringComparer.Ordinal)
            .Select(g => (g.Key, string.Join("\n", g.OrderBy(p => p.Index).Select(p => p.Text)))).ToList());

    public bool IsEmpty => _analyzers.Count == 0;

    internal PerAnalyzer? For(string analyzer) => _analyzers.GetValueOrDefault(analyzer);

    internal sealed class PerAnalyzer
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public PerAnalyzer(string analyzer, List<(string File, string Text)> files, int totalFiles)
        {
            var counts = files.Select(f =>
            {
                var perWord = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var term in TextAnalysis.Terms(analyzer, f.Text))
                    perWord[term] = perWord.GetValueOrDefault(term) + 1;
                return perWord;
            }).ToList();
            var stop = StopTerms(analyzer);
            foreach (var word in counts.SelectMany(c => c.Keys).Where(w => !stop.Contains(w) && w.Length > 1).Distinct().Order(StringComparer.Ordinal))
                _ids[word] = _ids.Count;
            foreach (var word in stop)
                _ids.TryAdd(word, StopWord);

            Files = files.Select(f => f.File).ToList();
            Weights = new double[files.Count][];
            Norms = new double[files.Count];
            for (var f = 0; f < files.Count; f++)
            {
                Weights[f] = new double[_ids.Count];
                foreach (var (word, count) in counts[f])
                {
                    if (!_ids.TryGetValue(word, out var id) || id < 0)
                        continue;
                    var df = counts.Count(c => c.ContainsKey(word));
                    Weights[f][id] = (1 + Math.Log(count)) * Math.Log((totalFiles + 1) / (df + 0.5));
                }
                Norms[f] = Math.Sqrt(Weights[f].Sum(w => w * w));
            }
            _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public int Size => _ids.Count;

        public IReadOnlyList<string> Files { get; }

        public double[][] Weights { get; }

        public double[] Norms { get; }

        /// <summary>The word's id, <see cref="StopWord"/> for a function word, or -1 for a word no seed uses.</summary>
        public int Id(ReadOnlySpan<char> token) => _lookup.TryGetValue(token, out var id) ? id : -1;

        private static HashSet<string> StopTerms(string analyzer)
        {
            var words = analyzer switch
            {
                TextAnalysis.English => Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet,
                TextAnalysis.French => Lucene.Net.Analysis.Fr.FrenchAnalyzer.DefaultStopSet,
                TextAnalysis.German => Lucene.Net.Analysis.De.GermanAnalyzer.DefaultStopSet,
                _ => null,
            };
            return words is null ? [] : TextAnalysis.AnalyzedSet(analyzer, words);
        }
    }
}
