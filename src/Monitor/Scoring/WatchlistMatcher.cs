using Monitor.Text;

namespace Monitor.Scoring;

/// <summary>
/// Scores an article against the watchlists: a term matches when one of its phrasings appears as a contiguous run of
/// whole words (case, accents and plural folded) in the title, summary or content; the score is the sum of the
/// weights of the distinct terms found.
/// </summary>
public sealed class WatchlistMatcher
{
    public ScoredArticle Score(WatchlistSet watchlists, string title, string summary, string content)
    {
        var fields = new (string Name, FieldIndex Index)[]
        {
            ("title", new FieldIndex(WordTokenizer.MatchWords(title))),
            ("summary", new FieldIndex(WordTokenizer.MatchWords(summary))),
            ("content", new FieldIndex(WordTokenizer.MatchWords(content))),
        };

        var scores = new List<WatchlistScore>(watchlists.Watchlists.Count);
        foreach (var watchlist in watchlists.Watchlists)
        {
            var matches = new List<TermMatch>();
            foreach (var term in watchlist.Terms)
            {
                var match = FindFirst(term, fields);
                if (match is not null)
                    matches.Add(match);
            }
            scores.Add(new WatchlistScore(watchlist.Name, matches.Sum(m => m.Weight), watchlist.Threshold, matches));
        }
        return new ScoredArticle(scores);
    }

    private static TermMatch? FindFirst(WatchlistTerm term, (string Name, FieldIndex Index)[] fields)
    {
        foreach (var (name, index) in fields)
        {
            for (var p = 0; p < term.PhraseWords.Count; p++)
            {
                if (index.Contains(term.PhraseWords[p]))
                    return new TermMatch(term.Term, term.Phrasings[p], name, term.Weight);
            }
        }
        return null;
    }

    /// <summary>Positions of each word in a field, so a phrase is looked up from its first word instead of scanning.</summary>
    private sealed class FieldIndex
    {
        private readonly List<string> _words;
        private readonly Dictionary<string, List<int>> _positions = new(StringComparer.Ordinal);

        public FieldIndex(List<string> words)
        {
            _words = words;
            for (var i = 0; i < words.Count; i++)
            {
                if (!_positions.TryGetValue(words[i], out var list))
                    _positions[words[i]] = list = [];
                list.Add(i);
            }
        }

        public bool Contains(IReadOnlyList<string> phrase)
        {
            if (phrase.Count == 0 || !_positions.TryGetValue(phrase[0], out var starts))
                return false;
            foreach (var start in starts)
            {
                if (start + phrase.Count > _words.Count)
                    break;
                var all = true;
                for (var k = 1; k < phrase.Count && all; k++)
                    all = _words[start + k] == phrase[k];
                if (all)
                    return true;
            }
            return false;
        }
    }
}
