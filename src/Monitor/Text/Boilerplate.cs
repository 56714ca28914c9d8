using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Text;

/// <summary>
/// Removes what a page wraps around an article, line by line, before dedup and scoring see the text: menus and buttons
/// (short lines without a sentence), "read more" and share prompts, cookie and subscription notices, copyright footers,
/// and lines repeated across the items of one feed (a site's signature). Text is also put in Unicode NFKC form, so
/// that full-width digits, ligatures and non-breaking spaces compare as their plain forms.
/// </summary>
public static partial class Boilerplate
{
    /// <summary>The text without its boilerplate lines, in NFKC form; <paramref name="repeated"/> are lines to drop as well.</summary>
    public static string Strip(string text, IReadOnlySet<string>? repeated = null)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var builder = new StringBuilder(text.Length);
        foreach (var raw in WordTokenizer.WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKC).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || IsBoilerplate(line) || (repeated is not null && repeated.Contains(Key(line))))
                continue;
            builder.Append(line).Append('\n');
        }
        return builder.ToString().TrimEnd('\n');
    }

    public static bool IsBoilerplate(string line)
    {
        if (Prompt().IsMatch(line))
            return true;
        // A line of one to three words without sentence punctuation is a menu entry, a button or a label; a short line
        // cut with an ellipsis is the teaser of another article (a "related" or "most read" list).
        var words = CountWords(line, 21);
        if (words <= 20 && (line.EndsWith("...", StringComparison.Ordinal) || line.EndsWith('…')))
            return true;
        return words <= 3 && !SentenceEnd().IsMatch(line) && !line.Any(char.IsDigit);
    }

    /// <summary>
    /// Lines that occur in at least <paramref name="minItems"/> of the texts (each text counted once): the footer or
    /// signature a feed appends to every item. Lines of fewer than four words are left to <see cref="IsBoilerplate"/>.
    /// </summary>
    public static IReadOnlySet<string> RepeatedLines(IEnumerable<string> texts, int minItems = 3)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var key in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(Key).Distinct(StringComparer.Ordinal))
                counts[key] = counts.GetValueOrDefault(key) + 1;
        return counts.Where(c => c.Value >= minItems).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Runs of letters and digits in <paramref name="line"/>, counted up to <paramref name="max"/>.</summary>
    private static int CountWords(string line, int max)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var isWord = char.IsLetterOrDigit(c);
            if (isWord && !inWord && ++count >= max)
                return count;
            inWord = isWord;
        }
        return count;
    }

    private static string Key(string line) => string.Join(' ', WordTokenizer.Words(line));

    [GeneratedRegex(@"[.!?»”""…:;)]\s*$")]
    private static partial Regex SentenceEnd();

    /// <summary>Prompts and notices, in English, French and German, matched on the whole line or its start.</summary>
    [GeneratedRegex("""
        ^\W*(?:read\s+(?:more|the\s+full|also|next)|continue\s+reading|lire\s+(?:la\s+suite|aussi|plus)|[àa]\s+lire\s+(?:aussi|également)|voir\s+aussi|see\s+also|weiterlesen|mehr\s+lesen|lesen\s+sie\s+auch
        |share\s+(?:this|on|via)|partager|partagez|teilen|tweet(?:er)?\b|follow\s+us|suivez[- ]nous|folgen\s+sie
        |subscribe|abonnez[- ]vous|s'inscrire|inscrivez[- ]vous|sign\s+up|newsletter|abonnieren
        |(?:we|this\s+(?:site|website))\s+uses?\s+cookies|nous\s+utilisons\s+des\s+cookies|ce\s+site\s+utilise\s+des\s+cookies|cookies?\b.*(?:accept|consent|politique|policy)
        |all\s+rights\s+reserved|tous\s+droits\s+r[ée]serv[ée]s|alle\s+rechte\s+vorbehalten|copyright\b|©
        |advertisement|publicit[ée]|anzeige\b|sponsored
        |the\s+post\s+.+\s+appeared\s+first\s+on|click\s+here|cliquez\s+ici|log\s*in\b|se\s+connecter|connexion\b|top\s+lectures
        |related\s+(?:articles|posts|stories)|articles?\s+li[ée]s|sur\s+le\s+m[êe]me\s+sujet|et\s+vous,\s+qu'en\s+pensez|laissez[- ]nous\s+un
        |photo\s*:|image\s*:|cr[ée]dit\s+photo|getty\s+images
        )
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Prompt();
}
