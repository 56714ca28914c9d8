using System.Text;

namespace Monitor.Text;

/// <summary>
/// The language of a text, guessed from its script and its most frequent function words: enough to read "billion" as
/// 10^9 in English but 10^12 in French and German, a decimal comma in French, German and Indonesian, and which
/// translator <see cref="EnglishTranslator"/> uses (Italian, Spanish and Portuguese too). A dozen short words per
/// language tell news prose apart reliably from a paragraph on. Returns "" when unsure.
/// </summary>
public static class LanguageGuess
{
    private static readonly (string Code, string[] Words)[] FunctionWords =
    [
        ("en", ["the", "and", "of", "to", "is", "that", "with", "for", "was", "are", "has", "its", "said", "will", "by"]),
        ("fr", ["le", "la", "les", "des", "est", "et", "du", "une", "dans", "pour", "que", "qui", "sur", "pas", "au", "avec"]),
        ("de", ["der", "die", "und", "das", "ist", "den", "mit", "von", "fur", "auf", "nicht", "sich", "dem", "zu", "eine"]),
        ("id", ["yang", "dan", "di", "untuk", "dengan", "ini", "dari", "akan", "itu", "pada", "tidak", "dalam", "juga", "oleh"]),
        // Words shared with another language of the list ("que", "con", "per", "non") are left out or kept few: each
        // counts for both, and the words only one language has decide.
        ("it", ["che", "della", "delle", "degli", "gli", "nel", "nella", "sono", "anche", "alla", "dei", "questo",
            "stato", "per"]),
        ("es", ["el", "los", "las", "del", "que", "por", "para", "como", "pero", "sus", "fue", "entre", "desde", "este",
            "una"]),
        ("pt", ["os", "dos", "das", "em", "um", "uma", "com", "nao", "pelo", "pela", "ao", "seu", "sua", "ainda",
            "foram"]),
    ];

    /// <summary>
    /// Each function word, as <see cref="Key"/>, and the languages it belongs to (bit i for <see cref="FunctionWords"/>[i]):
    /// one lookup of a number per word of the text instead of hashing the word for each language.
    /// </summary>
    private static readonly Dictionary<ulong, int> Languages = FunctionWords
        .SelectMany((language, i) => language.Words.Select(word => (Key: Key(word), Bit: 1 << i)))
        .GroupBy(w => w.Key)
        .ToDictionary(g => g.Key, g => g.Aggregate(0, (bits, w) => bits | w.Bit));

    /// <summary>Function words are ASCII and at most 8 letters long (checked when the class loads), so 8 bits a letter fit a ulong.</summary>
    private const int LongestWord = 8;

    /// <summary>The lengths of the function words: a word of another length (most words of a text) is not looked up.</summary>
    private static readonly int Shortest = FunctionWords.Min(l => l.Words.Min(w => w.Length));

    private static readonly int Longest = FunctionWords.Max(l => l.Words.Max(w => w.Length));

    /// <param name="words">The text's words from <see cref="WordTokenizer.Words"/>, when the caller has them already.</param>
    public static string Of(string text, IReadOnlyList<string>? words = null)
    {
        if (Cjk(text) is { } cjk)
            return cjk;

        Span<int> counts = stackalloc int[FunctionWords.Length];
        var counter = new FunctionWordCounter(counts);
        if (words is null)
        {
            counter.Text(text);
            counter.Break();
        }
        else
            foreach (var word in words)
            {
                foreach (var c in word)
                    counter.Letter(c);
                counter.Break();
            }
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
        var mayBeCjk = false;
        for (var t = 0; t < texts.Count; t++)
            mayBeCjk |= MayBeCjk(texts[t].AsSpan(0, lengths[t]));
        if (mayBeCjk)
        {
            var scripts = new ScriptCounts();
            for (var t = 0; t < texts.Count; t++)
                scripts.Add(texts[t].AsSpan(0, lengths[t]));
            if (scripts.Cjk is { } cjk)
                return cjk;
        }

        Span<int> counts = stackalloc int[FunctionWords.Length];
        var counter = new FunctionWordCounter(counts);
        for (var t = 0; t < texts.Count; t++)
        {
            counter.Text(texts[t].AsSpan(0, lengths[t]));
            counter.Break();
        }
        return Best(counts);
    }

    private static string? Cjk(ReadOnlySpan<char> text)
    {
        if (!MayBeCjk(text))
            return null;
        var scripts = new ScriptCounts();
        scripts.Add(text);
        return scripts.Cjk;
    }

    /// <summary>Whether the text has a character from U+3040 up, where the kana, Han and Hangul counted start (vectorised).</summary>
    private static bool MayBeCjk(ReadOnlySpan<char> text) => text.IndexOfAnyExceptInRange('\0', '\u303F') >= 0;

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

    /// <summary>A word of up to <see cref="LongestWord"/> ASCII letters as a number: 8 bits a letter.</summary>
    private static ulong Key(string word)
    {
        if (word.Length > LongestWord || !Ascii.IsValid(word))
            throw new InvalidOperationException($"Function word '{word}' must be ASCII and at most {LongestWord} letters long.");
        ulong key = 0;
        foreach (var c in word)
            key = key << 8 | c;
        return key;
    }

    /// <summary>
    /// Counts function words in the words <see cref="WordTokenizer.Words"/> gives (folded, split on what is not a letter
    /// or digit after folding), fed a letter at a time, without building them: a word is kept as its <see cref="Key"/>
    /// while it is short and ASCII enough to be a function word.
    /// </summary>
    private ref struct FunctionWordCounter(Span<int> counts)
    {
        private readonly Span<int> _counts = counts;
        private ulong _key;
        private int _length;
        private bool _other;

        /// <summary>Every word of <paramref name="text"/>; the caller ends the last one with <see cref="Break"/>.</summary>
        public void Text(ReadOnlySpan<char> text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c < 128)
                {
                    if (char.IsAsciiLetterOrDigit(c))
                        Letter(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
                    else
                        Break();
                    continue;
                }
                var folded = WordTokenizer.FoldedAt(text, ref i);
                if (folded is null)
                    Next(c);
                else
                    foreach (var f in folded)
                        Next(f);
            }
        }

        /// <summary>A folded character: a letter or digit goes on the word, anything else ends it.</summary>
        private void Next(char c)
        {
            if (char.IsLetterOrDigit(c))
                Letter(c);
            else
                Break();
        }

        public void Letter(char c)
        {
            // No NUL in a key, so that keys of different lengths differ ("\0the" is not "the").
            if (c is '\0' or >= (char)128)
                _other = true;
            _key = _key << 8 | c;
            _length++;
        }

        /// <summary>Ends the word, counting it if it is a function word.</summary>
        public void Break()
        {
            if (_length >= Shortest && _length <= Longest && !_other && Languages.TryGetValue(_key, out var bits))
                for (var i = 0; i < _counts.Length; i++)
                    if ((bits & (1 << i)) != 0)
                        _counts[i]++;
            _key = 0;
            _length = 0;
            _other = false;
        }
    }

    /// <summary>
    /// Letters per script: a text with more Hangul, kana and Han than Latin letters is Korean, Japanese or Chinese.
    /// Japanese as soon as one letter in twenty is kana: a Japanese headline may have a single particle among its
    /// kanji (日本政府、半導体輸出規制を強化), while Chinese has none but in a quoted Japanese name. The katakana middle dot,
    /// which some Chinese texts put between the parts of a foreign name, is not counted.
    /// </summary>
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
                else if (c is >= '\u3040' and <= '\u30FF' and not '\u30FB')
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
            : _kana > 0 && _kana * 20 >= _han ? "ja"
            : "zh";
    }
}
