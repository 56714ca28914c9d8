namespace Monitor.Text;

/// <summary>
/// The language of a text, guessed from its script and its most frequent function words: enough to read "billion" as
/// 10^9 in English but 10^12 in French and German, and a decimal comma in French, German and Indonesian. A dozen short
/// words per language tell news prose apart reliably from a paragraph on; a full n-gram detector (the watchlist issue)
/// can replace it. Returns "" when unsure.
/// </summary>
public static class LanguageGuess
{
    private static readonly (string Code, HashSet<string> Words)[] FunctionWords =
    [
        ("en", ["the", "and", "of", "to", "is", "that", "with", "for", "was", "are", "has", "its", "said", "will", "by"]),
        ("fr", ["le", "la", "les", "des", "est", "et", "du", "une", "dans", "pour", "que", "qui", "sur", "pas", "au", "avec"]),
        ("de", ["der", "die", "und", "das", "ist", "den", "mit", "von", "fur", "auf", "nicht", "sich", "dem", "zu", "eine"]),
        ("id", ["yang", "dan", "di", "untuk", "dengan", "ini", "dari", "akan", "itu", "pada", "tidak", "dalam", "juga", "oleh"]),
    ];

    /// <param name="words">The text's words from <see cref="WordTokenizer.Words"/>, when the caller has them already.</param>
    public static string Of(string text, IReadOnlyList<string>? words = null)
    {
        int hangul = 0, kana = 0, han = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\uAC00' and <= '\uD7AF')
                hangul++;
            else if (c is >= '\u3040' and <= '\u30FF')
                kana++;
            else if (c is >= '\u4E00' and <= '\u9FFF')
                han++;
            else if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F')
                latin++;
        }
        var cjk = hangul + kana + han;
        if (cjk > latin)
            return hangul >= kana && hangul >= han ? "ko" : kana > 0 && kana * 5 >= han ? "ja" : "zh";

        var counts = new int[FunctionWords.Length];
        foreach (var word in words ?? WordTokenizer.Words(text))
            for (var i = 0; i < FunctionWords.Length; i++)
                if (FunctionWords[i].Words.Contains(word))
                    counts[i]++;
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
            if (counts[i] > counts[best])
                best = i;
        return counts[best] >= 2 ? FunctionWords[best].Code : "";
    }
}
