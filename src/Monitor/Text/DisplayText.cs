using System.Globalization;
using System.Text;

namespace Monitor.Text;

/// <summary>
/// Feed text made fit for one line of a mail: a subject, a header, a title in the digest. Feeds put anything in a
/// title (CR/LF, U+2028/U+2029 line and paragraph separators, bidi overrides that reverse what follows, lone
/// surrogates from a bad transcoding, 10,000 characters); these functions keep the words and drop the rest.
/// </summary>
public static class DisplayText
{
    /// <summary>
    /// One line: control characters, line and paragraph separators and every other kind of whitespace become a space,
    /// runs of spaces one space; bidi embedding, override, isolate and mark characters and lone surrogates are removed
    /// (a title that reverses the text after it, or the subject after it, is a spoof, not a language need: right-to-left
    /// words display right to left without them).
    /// </summary>
    public static string SingleLine(string text)
    {
        var line = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Append(c, text[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || IsBidiControl(c))
                continue;
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029')
            {
                space = line.Length > 0;
                continue;
            }
            Append(c, null);
        }
        return line.ToString();

        void Append(char c, char? low)
        {
            if (space)
                line.Append(' ');
            space = false;
            line.Append(c);
            if (low is { } l)
                line.Append(l);
        }
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxLength"/> text elements (what a reader sees as one
    /// character: a surrogate pair, a letter with its combining marks, an emoji sequence), at the last space before the
    /// limit when there is one in its second half, with "…" appended. Never splits a text element.
    /// </summary>
    public static string Cut(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var starts = StringInfo.ParseCombiningCharacters(text);
        if (starts.Length <= maxLength)
            return text;
        // Room for the ellipsis; the cut falls on the start of a text element.
        var end = starts[maxLength - 1];
        var space = text.LastIndexOf(' ', end - 1);
        if (space > 0 && space >= starts[maxLength / 2])
            end = space;
        return text[..end].TrimEnd(' ', ',', ';', ':', '-', '–', '—') + "…";
    }

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
