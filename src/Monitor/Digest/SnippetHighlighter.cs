using Monitor.Text;

namespace Monitor.Digest;

/// <summary>
/// Finds where the words that made an article's score appear in its snippet, so the digest can highlight them. The
/// snippet and each matched form are read with the same Lucene analyzers as scoring (<see cref="TextAnalysis"/>), so a
/// term matched as "puces" in the body is also highlighted where the snippet says "puce"; a phrase is highlighted only
/// where all its words follow each other. Returns sorted, non-overlapping (start, length) ranges into the snippet.
/// </summary>
public static class SnippetHighlighter
{
    public static IReadOnlyList<(int Start, int Length)> Ranges(string snippet, IEnumerable<string> forms)
    {
        var wanted = forms.Where(f => !string.IsNullOrWhiteSpace(f)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (snippet.Length == 0 || wanted.Count == 0)
            return [];
        var ranges = new List<(int Start, int End)>();
        foreach (var analyzer in TextAnalysis.For(LanguageGuess.Of(snippet)))
        {
            var tokens = new Collector();
            TextAnalysis.Analyze(analyzer, snippet, tokens);
            foreach (var form in wanted)
            {
                var words = TextAnalysis.Terms(analyzer, form);
                if (words.Count == 0)
                    continue;
                for (var i = 0; i + words.Count <= tokens.Items.Count; i++)
                {
                    var all = true;
                    for (var k = 0; k < words.Count && all; k++)
                        all = tokens.Items[i + k].Term == words[k] && tokens.Items[i + k].Position == tokens.Items[i].Position + k;
                    if (all)
                        ranges.Add((tokens.Items[i].Start, tokens.Items[i + words.Count - 1].End));
                }
            }
        }

        var merged = new List<(int Start, int Length)>();
        var (start, end) = (-1, -1);
        foreach (var (s, e) in ranges.OrderBy(r => r.Start))
        {
            if (s <= end)
            {
                end = Math.Max(end, e);
                continue;
            }
            if (start >= 0)
                merged.Add((start, end - start));
            (start, end) = (s, e);
        }
        if (start >= 0)
            merged.Add((start, end - start));
        return merged;
    }

    private sealed class Collector : ITokenSink
    {
        public List<(string Term, int Position, int Start, int End)> Items { get; } = [];

        public void Token(ReadOnlySpan<char> term, int position, int start, int end) => Items.Add((term.ToString(), position, start, end));
    }
}
