using System.Globalization;
using System.Text;

namespace Monitor.Text;

/// <summary>
/// Splits text into comparable words: lower-cased, accents removed, split on anything that is not a letter or digit
/// (so "l'exportation" is "l" + "exportation" and "H20" stays one word). Shared by dedup and scoring so both
/// see the same words. The watchlist issue replaces the plural folding with Lucene analyzers per language.
/// </summary>
public static class WordTokenizer
{
    /// <summary>Words of <paramref name="text"/>, folded for case and accents.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
            return words;
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (isWordChar && start < 0)
                start = i;
            else if (!isWordChar && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }
        return words;
    }

    /// <summary>
    /// Words with a light plural fold: a trailing "s" is dropped from words longer than three letters, so that
    /// "puces"/"puce", "controls"/"control" meet. Deliberately not a stemmer: "EUV" or "ASML" stay intact.
    /// </summary>
    public static List<string> MatchWords(string? text)
    {
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w.Length > 3 && w[^1] == 's' && w[^2] != 's' && char.IsLetter(w[^2]))
                words[i] = w[..^1];
        }
        return words;
    }

    /// <summary>Lower-case and strip combining marks (é → e, ç → c) after canonical decomposition.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal);
    }
}
