using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Text;

/// <summary>
/// Japanese to English word by word from FreeDict's jpn-eng (JMdict, Debian's dict-freedict-jpn-eng): greedy longest
/// match against its headwords (<see cref="LongestMatchGloss"/>), each word written as its first sense. Hiragana that
/// matches no word written in kana (particles, verb endings) is left out.
/// </summary>
internal sealed partial class JapaneseGloss(string basePath) : ITranslation
{
    /// <summary>Longest headword tried: long enough for 輸出管理規則, short enough to keep the lookups few.</summary>
    private const int Longest = 8;

    /// <summary>
    /// JMdict's usage notes, which FreeDict writes straight before the sense with no separator
    /// ("Note: word usually written using kana aloneAmerica"); longest first, so that a longer note wins.
    /// </summary>
    private static readonly string[] Notes = [.. new[]
    {
        "word usually written using kana alone", "word usually written using kanji alone", "abbreviation", "archaism",
        "obscure term", "idiomatic expression", "colloquialism", "slang", "yojijukugo", "derogatory", "obsolete term",
        "honorific or respectful (sonkeigo) language", "humble (kenjougo) language", "polite (teineigo) language",
        "proverb", "sensitive", "vulgar expression or word", "familiar language", "onomatopoeic or mimetic word",
        "female term or language", "male term or language", "jocular, humorous term", "children's language",
        "rare term", "poetical term", "dated term", "historical term", "formal or literary term", "euphemistic",
        "rude or X-rated term", "manga slang", "Internet slang", "quotation", "form of address",
    }.OrderByDescending(n => n.Length)];

    /// <summary>The priority tags JMdict puts on a common spelling: ichi1, news1, spec1, gai1, nf01 … nf48.</summary>
    private static readonly string[] CommonTags = ["ichi", "news", "spec", "gai", "nf"];

    private readonly Lazy<(LongestMatchGloss? Gloss, string? Failure)> _loaded = new(() => Load(basePath));

    public string Treatment => "word gloss (FreeDict jpn-eng)";

    public string? Missing()
    {
        var (index, dictionary) = DictdFile.Files(basePath);
        if (!File.Exists(index) || !File.Exists(dictionary))
            return $"dict-freedict-jpn-eng not installed: {index} not found";
        return _loaded.IsValueCreated ? _loaded.Value.Failure : null;
    }

    public string? Translate(string text, TimeSpan timeout, out string? failure)
    {
        var (gloss, loadFailure) = _loaded.Value;
        failure = loadFailure;
        return gloss?.Gloss(text);
    }

    private static (LongestMatchGloss?, string?) Load(string basePath)
    {
        DictdFile file;
        try
        {
            file = DictdFile.Load(basePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (null, $"FreeDict jpn-eng did not load: {ex.Message}");
        }
        // Many headwords (a word's spellings and readings) share one entry: each entry is read once.
        var entries = new Dictionary<int, Entry?>();
        var best = new Dictionary<string, (string Gloss, int Rank)>(StringComparer.Ordinal);
        foreach (var (headword, offset, length) in file.Index)
        {
            if (headword.Length > Longest || !headword.All(LongestMatchGloss.IsCjk))
                continue;
            if (!entries.TryGetValue(offset, out var entry))
                entries[offset] = entry = Parse(file.Text(offset, length));
            if (entry is null)
                continue;
            var hiragana = headword.All(c => c is >= '\u3040' and <= '\u309F');
            // Hiragana alone is a word only where the word is written so: otherwise it is a particle or an ending
            // (した after 強化 is "did", not 下 "below"), left out by the gloss.
            if (hiragana && (headword.Length < 2 || !entry.WrittenInKana))
                continue;
            var rank = entry.Common.Contains(headword) ? 0 : entry.Forms.Contains(headword) ? 1 : 2;
            if (!best.TryGetValue(headword, out var kept) || rank < kept.Rank)
                best[headword] = (entry.Gloss, rank);
        }
        var glosses = best.ToDictionary(b => b.Key, b => b.Value.Gloss, StringComparer.Ordinal);
        return (new LongestMatchGloss(glosses, Longest, dropUnknownHiragana: true), null);
    }

    /// <summary>
    /// One entry: the first line lists the spellings and readings, each with its tags in [] and its pronunciation
    /// between slashes, separated by commas; the senses follow, each after its part of speech in parentheses.
    /// </summary>
    internal static Entry? Parse(string text)
    {
        var lines = text.Split('\n');
        var forms = new List<string>();
        var common = new List<string>();
        foreach (var (form, tags) in Forms(lines[0]))
        {
            forms.Add(form);
            if (tags.Any(t => CommonTags.Any(c => t.StartsWith(c, StringComparison.Ordinal))))
                common.Add(form);
        }
        if (forms.Count == 0 || Gloss(lines.AsSpan(1)) is not { } gloss)
            return null;
        var body = string.Join('\n', lines[1..]);
        var writtenInKana = forms[0].All(c => c is >= '\u3040' and <= '\u30FF')
            || body.Contains("usually written using kana alone", StringComparison.Ordinal);
        return new Entry(forms, common, gloss, writtenInKana);
    }

    private static List<(string Form, List<string> Tags)> Forms(string line)
    {
        var forms = new List<(string, List<string>)>();
        var form = new StringBuilder();
        var tag = new StringBuilder();
        var tags = new List<string>();
        var notes = 0;
        var inTag = false;
        var pronunciation = false;
        foreach (var c in line.Append(','))
        {
            if (pronunciation)
                pronunciation = c != '/';
            else if (c == '(')
                notes++;
            else if (c == ')')
                notes = Math.Max(0, notes - 1);
            else if (notes > 0)
                continue;
            else if (c == '[')
                inTag = true;
            else if (c == ']')
            {
                tags.Add(tag.ToString());
                tag.Clear();
                inTag = false;
            }
            else if (inTag)
                tag.Append(c);
            else if (c == '/')
                pronunciation = true;
            else if (c == ',')
            {
                if (form.ToString().Trim() is { Length: > 0 } written)
                    forms.Add((written, tags));
                form.Clear();
                tags = [];
            }
            else
                form.Append(c);
        }
        return forms;
    }

    /// <summary>The first alternative of the first sense: the first line with more than a part of speech.</summary>
    private static string? Gloss(ReadOnlySpan<string> lines)
    {
        foreach (var line in lines)
        {
            var sense = SenseNumber().Replace(line.Trim(), "");
            if (sense.StartsWith("Note:", StringComparison.Ordinal))
            {
                sense = sense[5..].TrimStart();
                if (Notes.FirstOrDefault(n => sense.StartsWith(n, StringComparison.Ordinal)) is { } note)
                    sense = sense[note.Length..];
            }
            var gloss = GlossText.First(sense, ";,");
            if (gloss.Length > 0)
                return gloss;
        }
        return null;
    }

    [GeneratedRegex(@"^\d+\.\s*")]
    private static partial Regex SenseNumber();

    internal sealed record Entry(
        IReadOnlyList<string> Forms, IReadOnlyList<string> Common, string Gloss, bool WrittenInKana);
}
