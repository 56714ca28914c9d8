using Monitor.Text;

namespace Monitor.Scoring;

/// <summary>
/// Every phrase of a watchlist set, analysed once with each analyzer of <see cref="TextAnalysis"/>, as word ids: an
/// article's tokens are looked up in the vocabulary (as spans, without allocating) and a phrase is tried only from a
/// token that starts one. Built by the loader, then read-only and shared by every thread.
/// </summary>
public sealed class PhraseTable
{
    private readonly List<string> _texts = [];
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Compiled> _compiled = new(StringComparer.Ordinal);

    public PhraseTable()
    {
        foreach (var analyzer in TextAnalysis.Keys)
            _compiled[analyzer] = new Compiled();
    }

    public int Count => _texts.Count;

    public string Text(int phrase) => _texts[phrase];

    /// <summary>The index of <paramref name="text"/>, added if new; -1 when it has no word to match in any language.</summary>
    public int Add(string text)
    {
        if (_byText.TryGetValue(text, out var existing))
            return existing;
        var perAnalyzer = TextAnalysis.Keys.Select(a => (Analyzer: a, Words: TextAnalysis.Terms(a, text))).ToList();
        if (perAnalyzer.All(x => x.Words.Count == 0))
            return -1;
        var index = _texts.Count;
        _texts.Add(text);
        _byText[text] = index;
        foreach (var (analyzer, words) in perAnalyzer)
            _compiled[analyzer].Add(index, words);
        return index;
    }

    internal Compiled For(string analyzer) => _compiled[analyzer];

    internal sealed class Compiled
    {
        private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
        private readonly List<int[]> _phrases = [];
        private readonly List<List<int>> _starting = [];
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public Compiled() => _lookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>The word ids of each phrase (empty when the analyzer leaves no word).</summary>
        public IReadOnlyList<int[]> Phrases => _phrases;

        /// <summary>The id of a token, or -1 when no phrase uses it.</summary>
        public int WordId(ReadOnlySpan<char> token)
        {
            return _lookup.TryGetValue(token, out var id) ? id : -1;
        }

        /// <summary>The phrases whose first word is <paramref name="wordId"/>.</summary>
        public List<int> StartingWith(int wordId) => _starting[wordId];

        public void Add(int phrase, List<string> words)
        {
            var ids = new int[words.Count];
            for (var i = 0; i < words.Count; i++)
            {
                if (!_vocabulary.TryGetValue(words[i], out var id))
                {
                    _vocabulary[words[i]] = id = _vocabulary.Count;
                    _starting.Add([]);
                }
                ids[i] = id;
            }
            _phrases.Add(ids);
            if (ids.Length > 0)
                _starting[ids[0]].Add(phrase);
        }
    }
}
