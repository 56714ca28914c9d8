using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;

namespace Monitor.Text;

/// <summary>Checks on a watchlist phrase that the analyzers alone would accept but that cannot work as written.</summary>
public static class PhraseRules
{
    /// <summary>
    /// Whether every word of <paramref name="text"/> is a function word of English, French or German (Lucene's stop
    /// lists): such a phrase ("of the", "de la") matches almost every article, since matching keeps function words.
    /// </summary>
    public static bool IsOnlyCommonWords(string text)
    {
        var words = WordTokenizer.Words(text);
        return words.Count > 0 && words.All(w =>
            EnglishAnalyzer.DefaultStopSet.Contains(w) || FrenchAnalyzer.DefaultStopSet.Contains(w) || GermanAnalyzer.DefaultStopSet.Contains(w));
    }

    /// <summary>
    /// Whether <paramref name="text"/> is one Chinese, Japanese or Korean character and nothing else: these scripts are
    /// matched as character pairs, so a lone character only matches where it stands alone, which it rarely does.
    /// </summary>
    public static bool IsSingleCjkCharacter(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 1 && IsCjk(trimmed[0]);
    }

    private static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF';
}
