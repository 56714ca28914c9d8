using System.Text;

namespace Monitor.Text;

/// <summary>
/// A word-by-word gloss of text written without spaces (Chinese, Japanese): from each position, the longest headword
/// of the dictionary that starts there (greedy longest match, the classic segmenter that needs nothing but the
/// dictionary), written as its English gloss; Latin letters, digits and punctuation are kept (H20, 23%, "Nvidia").
/// A character no headword starts with is kept as it is, or left out when it is hiragana and the language's
/// particles are to go (Japanese).
/// </summary>
internal sealed class LongestMatchGloss(Dictionary<string, string> glosses, int longest, bool dropUnknownHiragana)
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup =
        glosses.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => glosses.Count;

    public string Gloss(string text)
    {
        // Full-width Latin letters, digits and punctuation as ASCII (Ｈ２０ = H20), half-width katakana as full-width.
        text = text.Normalize(NormalizationForm.FormKC);
        var english = new Writer(text.Length * 3);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!IsCjk(c))
            {
                if (c is '\u300C' or '\u300E' or '(')
                    english.Opening(c == '(' ? '(' : '"');
                else
                    english.Other(Ascii(c));
                i++;
            }
            else if (IsKatakana(c))
                i = Katakana(text, i, english);
            else if (Match(text, i, text.Length) is var (length, gloss) && length > 0)
            {
                english.Gloss(gloss);
                i += length;
            }
            else
            {
                if (!(dropUnknownHiragana && c is >= '\u3040' and <= '\u309F'))
                    english.Unknown(text.AsSpan(i, 1));
                i++;
            }
        }
        return english.ToString();
    }

    /// <summary>Kana, CJK ideographs (with extension A and compatibility ones), the iteration marks 々 〆.</summary>
    internal static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF'
            or >= '\uF900' and <= '\uFAFF' or '\u3005' or '\u3006';

    private static bool IsKatakana(char c) => c is >= '\u30A0' and <= '\u30FF';

    /// <summary>
    /// The longest headword at <paramref name="start"/> that ends before <paramref name="end"/>: its length and gloss.
    /// </summary>
    private (int Length, string Gloss) Match(string text, int start, int end)
    {
        var longestHere = Math.Min(longest, end - start);
        for (var length = longestHere; length >= 1; length--)
            if (_lookup.TryGetValue(text.AsSpan(start, length), out var gloss))
                return (length, gloss);
        return (0, "");
    }

    /// <summary>
    /// A run of katakana: glossed only when known words of two letters or more cover it all (データセンター = データ +
    /// センター); otherwise it is kept whole, since it is most likely a name, which pieces would only garble
    /// (エヌビディア is not "N" + "bidet").
    /// </summary>
    private int Katakana(string text, int start, Writer english)
    {
        var end = start;
        while (end < text.Length && IsKatakana(text[end]))
            end++;
        var glosses = new List<string>();
        for (var i = start; i < end;)
        {
            var (length, gloss) = Match(text, i, end);
            if (length < 2)
            {
                english.Unknown(text.AsSpan(start, end - start));
                return end;
            }
            glosses.Add(gloss);
            i += length;
        }
        foreach (var gloss in glosses)
            english.Gloss(gloss);
        return end;
    }


    /// <summary>Ideographic punctuation as its ASCII counterpart (what NFKC leaves alone).</summary>
    private static char Ascii(char c) => c switch
    {
        '\u3002' => '.',
        '\u3001' => ',',
        '\u300D' or '\u300F' => '"',
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>
    /// Writes glosses, unknown characters and the text between them with a space where English wants one: between
    /// words, after punctuation that followed a word (、 and 。 have none after them), never before punctuation.
    /// </summary>
    private sealed class Writer(int capacity)
    {
        private readonly StringBuilder _text = new(capacity);
        private Kind _previous = Kind.Space;

        public void Gloss(string gloss)
        {
            if (gloss.Length == 0)
                return;
            Separate();
            _text.Append(gloss);
            _previous = Kind.Word;
        }

        public void Unknown(ReadOnlySpan<char> characters)
        {
            // The characters of one unknown run stay together.
            if (_previous != Kind.Unknown)
                Separate();
            _text.Append(characters);
            _previous = Kind.Unknown;
        }

        public void Other(char c)
        {
            if (char.IsWhiteSpace(c))
            {
                if (_previous != Kind.Space)
                    _text.Append(' ');
                _previous = Kind.Space;
                return;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (_previous is Kind.Word or Kind.Unknown or Kind.PunctuationAfterWord)
                    _text.Append(' ');
                _text.Append(c);
                _previous = Kind.Latin;
                return;
            }
            _text.Append(c);
            _previous = _previous is Kind.Word or Kind.Unknown
                && c is ',' or '.' or ';' or ':' or '!' or '?' or ')' or '"'
                ? Kind.PunctuationAfterWord
                : Kind.Punctuation;
        }

        /// <summary>An opening bracket or quotation mark: a space before it, none after.</summary>
        public void Opening(char c)
        {
            Separate();
            _text.Append(c);
            _previous = Kind.Space;
        }

        public override string ToString() => _text.ToString().Trim();

        private void Separate()
        {
            if (_previous is not Kind.Space)
                _text.Append(' ');
        }
    }

    private enum Kind
    {
        Space,
        Word,
        Unknown,
        Latin,
        Punctuation,
        PunctuationAfterWord,
    }
}
