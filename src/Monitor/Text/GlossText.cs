using System.Text;

namespace Monitor.Text;

/// <summary>
/// Turns a dictionary's English sense into the few words a word-by-word gloss writes: notes in brackets dropped,
/// the first of several alternatives kept, no infinitive "to" or article in front ("to export; to ship (goods)" →
/// "export"). What is left is compared with English articles, so nothing but the words matters.
/// </summary>
internal static class GlossText
{
    /// <summary>The first alternative of <paramref name="sense"/>, cleaned; "" when only notes are left.</summary>
    /// <param name="separators">What separates alternatives: ';' everywhere, ',' too in FreeDict and CC-CEDICT.</param>
    public static string First(string sense, ReadOnlySpan<char> separators)
    {
        var text = WithoutBrackets(sense);
        var cut = text.AsSpan().IndexOfAny(separators);
        if (cut >= 0)
            text = text[..cut];
        var slash = text.IndexOf(" / ", StringComparison.Ordinal);
        if (slash >= 0)
            text = text[..slash];
        text = Squeeze(text).Trim(' ', ':', '.', '!', '?', '"', '\'');
        foreach (var article in (ReadOnlySpan<string>)["to ", "a ", "an ", "the "])
            if (text.StartsWith(article, StringComparison.Ordinal) && text.Length > article.Length)
                return text[article.Length..];
        return text;
    }

    /// <summary>The text without what is in (), [], {} or &lt;&gt; (nested too): dictionaries' notes.</summary>
    public static string WithoutBrackets(string text)
    {
        if (text.AsSpan().IndexOfAny("([{<") < 0)
            return text;
        var kept = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '(' or '[' or '{' or '<')
                depth++;
            else if (c is ')' or ']' or '}' or '>')
                depth = Math.Max(0, depth - 1);
            else if (depth == 0)
                kept.Append(c);
        }
        return kept.ToString();
    }

    /// <summary>Runs of white space as one space.</summary>
    public static string Squeeze(string text)
    {
        var squeezed = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
                squeezed.Append(c);
            else if (squeezed.Length > 0 && squeezed[^1] != ' ')
                squeezed.Append(' ');
        }
        return squeezed.ToString().Trim();
    }
}
