namespace Monitor.Text;

/// <summary>
/// The language of a text, guessed from its script and its most frequent function words: enough to read "billion" as
/// 10^9 in English but 10^12 in French and German, and a decimal comma in French, German and Indonesian. A dozen short
/// words per language tell news prose apart reliably from a paragraph on; a full n-gram detector (the watchlist issue)
/// can replace it. Returns "" when unsure.
/// </summary>
public static class LanguageGuess
{
    private static readonly (string Code, string[] Words)[] FunctionWords =
    [
        ("en", ["the", "and", "of", "to", "is", "that", "with", "for", "was", "are", "has", "its", "said", "will", "by"]),
        ("fr", ["le", "la", "les", "des", "est", "et", "du", "une", "dans", "pour", "que", "qui", "sur", "pas", "au", "avec"]),
        ("de", ["der", "die", "und", "das", "ist", "den", "mit", "von", "fur", "auf", "nicht", "sich", "dem", "zu", "eine"]),
        ("id", ["yang", "dan", "di", "untuk", "dengan", "ini", "dari", "akan", "itu", "pada", "tidak", "dalam", "juga", "oleh"]),
    ];

    /// <summary>Each function word and the languages it belongs to (bit i for <see cref="FunctionWords"/>[i]): one lookup per word.</summary>
    private static readonly Dictionary<string, int> Languages = FunctionWords
        .SelectMany((language, i) => language.Words.Select(word => (Word: word, Bit: 1 << i)))
        .GroupBy(w => w.Word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Aggregate(0, (bits, w) => bits | w.Bit), StringComparer.Ordinal);

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> LanguagesOf = Languages.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words longer than this are no function word: their letters need not be kept.</summary>
    private static readonly int LongestWord = Languages.Keys.Max(w => w.Length);

    /// <param name="words">The text's words from <see cref="WordTokenizer.Words"/>, when the caller has them already.</param>
    public static string Of(string text, IReadOnlyList<string>? words = null)
    {
        var scripts = new ScriptCounts();
        scripts.Add(text);
        if (scripts.Cjk is { } cjk)
            return cjk;

        Span<int> counts = stackalloc int[FunctionWords.Length];
        if (words is null)
            CountFunctionWords(text, counts);
        else
            foreach (var word in words)
                Count(word, counts);
        return Best(counts);
    }

    /// <summary>
    /// The language of the non-empty <paramref name="texts"/> read one after another, as if joined with line breaks and
    /// cut after <paramref name="sampleLength"/> characters (the same answer as <see cref="Of(string, IReadOnlyList{string}?)"/>
    /// on that sample, without building it).
    /// </summary>
    public static string Of(IReadOnlyList<string> texts, int sampleLength)
    {
        Span<int> lengths = texts.Count <= 16 ? stackalloc int[texts.Count] : new int[texts.Count];
        SampleLengths(texts, sampleLength, lengths);
        var scripts = new ScriptCounts();
        for (var t = 0; t < texts.Count; t++)
            scripts.Add(texts[t].AsSpan(0, lengths[t]));
        if (scripts.Cjk is { } cjk)
            return cjk;

        Span<int> counts = stackalloc int[FunctionWords.Length];
        for (var t = 0; t < texts.Count; t++)
            CountFunctionWords(texts[t].AsSpan(0, lengths[t]), counts);
        return Best(counts);
    }

    /// <summary>How many characters of each text the sample holds: the line break between two texts takes one.</summary>
    private static void SampleLengths(IReadOnlyList<string> texts, int sampleLength, Span<int> lengths)
    {
        var left = sampleLength;
        var first = true;
        for (var t = 0; t < texts.Count && left > 0; t++)
        {
            if (texts[t].Length == 0)
                continue;
            if (!first && --left == 0)
                break;
            first = false;
            lengths[t] = Math.Min(texts[t].Length, left);
            left -= lengths[t];
        }
    }

    private static string Best(ReadOnlySpan<int> counts)
    {
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
            if (counts[i] > counts[best])
                best = i;
        return counts[best] >= 2 ? FunctionWords[best].Code : "";
    }

    private static void Count(ReadOnlySpan<char> word, Span<int> counts)
    {
        if (word.Length > LongestWord || !LanguagesOf.TryGetValue(word, out var bits))
            return;
        for (var i = 0; i < counts.Length; i++)
            if ((bits & (1 << i)) != 0)
                counts[i]++;
    }

    /// <summary>
    /// Counts the function words of <paramref name="text"/> with the words <see cref="WordTokenizer.Words"/> would
    /// give (folded, split on what is not a letter or digit after folding), without building them: only words short
    /// enough to be a function word are kept, in a buffer on the stack.
    /// </summary>
    private static void CountFunctionWords(ReadOnlySpan<char> text, Span<int> counts)
    {
        Span<char> word = stackalloc char[LongestWord];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                    Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c, word, ref length);
                else
                    End(word, ref length, counts);
                continue;
            }
            var folded = WordTokenizer.FoldedAt(text, ref i);
            if (folded is null)
                Next(c, word, ref length, counts);
            else
                foreach (var f in folded)
                    Next(f, word, ref length, counts);
        }
        End(word, ref length, counts);
    }

    private static void Next(char c, Span<char> word, ref int length, Span<int> counts)
    {
        if (char.IsLetterOrDigit(c))
            Append(c, word, ref length);
        else
            End(word, ref length, counts);
    }

    /// <summary>Adds a letter to the current word; past <see cref="LongestWord"/> only its length is kept.</summary>
    private static void Append(char c, Span<char> word, ref int length)
    {
        if (length < word.Length)
            word[length] = c;
        length++;
    }

    private static void End(Span<char> word, ref int length, Span<int> counts)
    {
        if (length > 0 && length <= LongestWord)
            Count(word[..length], counts);
        length = 0;
    }

    /// <summary>Letters per script: a text with more Hangul, kana and Han than Latin letters is Korean, Japanese or Chinese.</summary>
    private struct ScriptCounts
    {
        private int _hangul;
        private int _kana;
        private int _han;
        private int _latin;

        public void Add(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (c is >= '\uAC00' and <= '\uD7AF')
                    _hangul++;
                else if (c is >= '\u3040' and <= '\u30FF')
                    _kana++;
                else if (c is >= '\u4E00' and <= '\u9FFF')
                    _han++;
                else if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F')
                    _latin++;
            }
        }

        public readonly string? Cjk =>
            _hangul + _kana + _han <= _latin ? null
            : _hangul >= _kana && _hangul >= _han ? "ko"
            : _kana > 0 && _kana * 5 >= _han ? "ja"
            : "zh";
    }
}
