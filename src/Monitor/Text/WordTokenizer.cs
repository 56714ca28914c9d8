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
    /// Words with a light English/French plural fold, the same on both sides of a match: "companies" → "company",
    /// "taxes"/"matches" → "tax"/"match", "puces"/"controls" → "puce"/"control"; words ending in -ss, -us or -is
    /// ("class", "status", "analysis") and words that only look plural ("news", "series") are kept. Deliberately not a
    /// stemmer: "EUV" or "ASML" stay intact. The watchlist issue replaces this with Lucene analyzers per language.
    /// </summary>
    public static List<string> MatchWords(string? text)
    {
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
            words[i] = FoldPlural(words[i]);
        return words;
    }

    private static readonly HashSet<string> NotPlurals = new(StringComparer.Ordinal)
    {
        "news", "series", "species", "chaos", "always", "perhaps", "whereas", "towards", "afterwards", "alors", "depuis",
        "mais", "jamais", "toujours", "moins", "plus", "sans", "sous", "vers", "chez", "apres", "pays", "fois", "temps",
    };

    internal static string FoldPlural(string w)
    {
        if (w.Length <= 3 || w[^1] != 's' || !char.IsLetter(w[^2]) || NotPlurals.Contains(w))
            return w;
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
            return w[..^3] + "y";
        if (w.Length > 4 && w.EndsWith("es", StringComparison.Ordinal) && (w[^3] is 's' or 'x' or 'z' || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal)))
            return w[..^2];
        if (w[^2] is 's' or 'u' or 'i')
            return w;
        return w[..^1];
    }

    /// <summary>
    /// Lower-case and strip combining marks (é → e, ç → c) after compatibility decomposition (NFKD), character by
    /// character through a table filled on first use: the same result as normalising the whole string, without
    /// running the normaliser over every text (it was most of the cost of tokenising).
    /// </summary>
    public static string Fold(string text)
    {
        var builder = (StringBuilder?)null;
        for (var i = 0; i < text.Length; i++)
        {
            var start = i;
            var c = text[i];
            var folded = FoldedAt(text, ref i);
            if (folded is null && c is < 'A' or > 'Z')
            {
                builder?.Append(c);
                continue;
            }
            builder ??= new StringBuilder(text.Length).Append(text, 0, start);
            if (folded is null)
                builder.Append((char)(c + 32));
            else
                builder.Append(folded);
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>
    /// The folded form of the character at <paramref name="i"/> (moving <paramref name="i"/> past the low half of a
    /// surrogate pair), or null when it stays as it is, or is an upper-case ASCII letter (plus 32). <see cref="Fold"/>
    /// one character at a time, for callers that scan words without building the folded text.
    /// </summary>
    internal static string? FoldedAt(ReadOnlySpan<char> text, ref int i)
    {
        var c = text[i];
        // ASCII and CJK ideographs fold to themselves (upper-case ASCII aside); the rest through the table.
        if (c < 128 || c is >= '\u4E00' and <= '\u9FFF')
            return null;
        if (c < FoldTable.Length)
            return FoldTable[c] ??= FoldSlow(c.ToString());
        if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            return FoldSlow(text.Slice(i++, 2).ToString());
        return FoldSlow(c.ToString());
    }

    /// <summary>Folded forms of the characters below U+3400 (Latin, Greek, Cyrillic, punctuation, Hangul jamo, kana).</summary>
    private static readonly string?[] FoldTable = new string?[0x3400];

    private static string FoldSlow(string text)
    {
        // A lone surrogate (half an emoji cut off by a sample, or broken feed text) is no letter, and Normalize would
        // throw on it: it reads as a word break.
        if (!ReferenceEquals(WithoutLoneSurrogates(text), text))
            return "\uFFFD";
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

    /// <summary>
    /// The text with each lone surrogate (never a character on its own) replaced by U+FFFD, so it can be normalised;
    /// the same instance when it has none.
    /// </summary>
    public static string WithoutLoneSurrogates(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                (copy ??= text.ToCharArray())[i] = '\uFFFD';
        }
        return copy is null ? text : new string(copy);
    }
}
