using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Text;

/// <summary>
/// German to English word by word from Ding's dictionary (Debian's dict-de-en): each word's first English sense, in
/// the German order; a word not found is tried without a common ending (-en, -er, -es, -em, -e, -s, -n) and then as a
/// compound of known words ("Chipexporte" = Chip + Exporte); names, numbers and codes (H20) stay as they are. Crude,
/// but it puts "export control" where the article says "Ausfuhrkontrollen", which cross-language matching needs.
/// </summary>
internal sealed partial class GermanGloss(string basePath) : ITranslation
{
    private static readonly string[] Endings = ["en", "er", "es", "em", "e", "s", "n"];

    /// <summary>
    /// Articles and the commonest forms of sein, haben and werden: Ding lists the articles after the relative pronouns
    /// of the same spelling ("die": "that", "who", then "the"), and the verbs under their infinitive only.
    /// </summary>
    private static readonly Dictionary<string, string> FunctionWords = new(StringComparer.Ordinal)
    {
        ["der"] = "the", ["die"] = "the", ["das"] = "the", ["den"] = "the", ["dem"] = "the", ["des"] = "the",
        ["ein"] = "a", ["eine"] = "a", ["einen"] = "a", ["einem"] = "a", ["einer"] = "a", ["eines"] = "a",
        ["ist"] = "is", ["sind"] = "are", ["war"] = "was", ["waren"] = "were", ["sei"] = "be",
        ["hat"] = "has", ["haben"] = "have", ["hatte"] = "had", ["hatten"] = "had",
        ["wird"] = "will", ["werden"] = "will", ["wurde"] = "was", ["wurden"] = "were",
    };

    private readonly Lazy<(Dictionary<string, string>? Glosses, string? Failure)> _loaded = new(() => Load(basePath));

    public string Treatment => "word gloss (Ding de-en)";

    public string? Missing()
    {
        var (index, dictionary) = DictdFile.Files(basePath);
        if (!File.Exists(index) || !File.Exists(dictionary))
            return $"dict-de-en not installed: {index} not found";
        return _loaded.IsValueCreated ? _loaded.Value.Failure : null;
    }

    public string? Translate(string text, TimeSpan timeout, out string? failure)
    {
        var (glosses, loadFailure) = _loaded.Value;
        failure = loadFailure;
        if (glosses is null)
            return null;
        var english = new StringBuilder(text.Length + text.Length / 4);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                english.Append(text[i++]);
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
                i++;
            var word = text[start..i];
            english.Append(Gloss(glosses, word) ?? word);
        }
        return english.ToString();
    }

    internal static string? Gloss(Dictionary<string, string> glosses, string word)
    {
        // Numbers and codes (H20, 5G, 2025) and acronyms (USA, EU, KI) are not German words to look up.
        if (word.Any(char.IsDigit))
            return null;
        if (word.Length <= 5 && word.All(char.IsUpper))
            return glosses.GetValueOrDefault(word);
        var lower = word.ToLowerInvariant();
        return FunctionWords.GetValueOrDefault(lower) ?? Lookup(glosses, word, compoundDepth: 2);
    }

    private static string? Lookup(Dictionary<string, string> glosses, string word, int compoundDepth)
    {
        var lower = word.ToLowerInvariant();
        var noun = char.ToUpperInvariant(lower[0]) + lower[1..];
        // As written first, then as a noun (a headline may be in lower case) or in lower case (a sentence's first word
        // is capitalised); each with its endings before the next, so that "neuen" is "neu" before it is "Neuen".
        string[] forms = word == lower ? [word, noun] : word == noun ? [word, lower] : [word, noun, lower];
        foreach (var form in forms)
        {
            if (glosses.TryGetValue(form, out var gloss))
                return gloss;
            foreach (var ending in Endings)
                if (form.Length - ending.Length >= 3 && form.EndsWith(ending, StringComparison.Ordinal)
                    && glosses.TryGetValue(form[..^ending.Length], out gloss))
                    return gloss;
        }
        return compoundDepth > 0 ? Compound(glosses, noun, compoundDepth) : null;
    }

    /// <summary>
    /// The longest known first part (4 letters or more, with or without a linking -s) followed by a known rest:
    /// "Ausfuhrkontrollen" = "Ausfuhr" + "Kontrollen".
    /// </summary>
    private static string? Compound(Dictionary<string, string> glosses, string noun, int depth)
    {
        for (var split = noun.Length - 3; split >= 4; split--)
        {
            var head = noun[..split];
            var headGloss = glosses.GetValueOrDefault(head)
                ?? (head.EndsWith('s') ? glosses.GetValueOrDefault(head[..^1]) : null);
            if (headGloss is null)
                continue;
            var rest = noun[split..];
            if (Lookup(glosses, char.ToUpperInvariant(rest[0]) + rest[1..], depth - 1) is { } restGloss)
                return headGloss + " " + restGloss;
        }
        return null;
    }

    private static (Dictionary<string, string>?, string?) Load(string basePath)
    {
        DictdFile file;
        try
        {
            file = DictdFile.Load(basePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (null, $"Ding's dictionary did not load: {ex.Message}");
        }
        // One gloss per headword as written (nouns capitalised): the first entry of the word alone, else the first.
        var glosses = new Dictionary<string, string>(StringComparer.Ordinal);
        var alone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (headword, offset, length) in file.Index)
        {
            if (headword.Contains(' ', StringComparison.Ordinal) || Entry(file.Text(offset, length)) is not { } entry)
                continue;
            var (word, gloss, isAlone) = entry;
            if (word.Contains(' ', StringComparison.Ordinal) || alone.Contains(word))
                continue;
            if (isAlone)
            {
                alone.Add(word);
                glosses[word] = gloss;
            }
            else
                glosses.TryAdd(word, gloss);
        }
        return (glosses, null);
    }

    /// <summary>
    /// One Ding entry: the headword as written, on the first line; then the rest of the German side (its grammar, like
    /// {f} or {pl}, notes, or the other words of a phrase), then the English side indented by three spaces.
    /// </summary>
    internal static (string Word, string Gloss, bool Alone)? Entry(string entry)
    {
        var lines = entry.Split('\n');
        var english = Array.FindIndex(lines, 1, l => l.StartsWith("   ", StringComparison.Ordinal));
        if (english < 0)
            return null;
        var german = string.Join(' ', lines[1..english]);
        var sense = Abbreviation().Replace(string.Join(' ', lines[english..]), " ");
        var gloss = GlossText.First(Placeholder().Replace(sense, " "), ";");
        if (gloss.Length == 0)
            return null;
        return (lines[0].Trim(), gloss, GlossText.WithoutBrackets(german).Trim().Length == 0);
    }

    /// <summary>Ding's abbreviations after a word, between slashes: "government /Gov.; Govt./".</summary>
    [GeneratedRegex(@"(?<=\s|^)/[^/\s][^/]*/")]
    private static partial Regex Abbreviation();

    /// <summary>"sb.", "sth." and "sb./sth.", where the object of a verb goes.</summary>
    [GeneratedRegex(@"\b(?:sb|sth|so)\.(?:/(?:sb|sth)\.)?")]
    private static partial Regex Placeholder();
}
