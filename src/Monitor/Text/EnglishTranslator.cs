using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Text;

/// <summary>
/// English for articles in other languages, offline, from packaged resources only: apertium for French, Italian,
/// Portuguese and Spanish (through Spanish), a word-by-word gloss from a dictionary for German (Ding), Japanese
/// (FreeDict jpn-eng) and Chinese (CC-CEDICT). Good enough to compare stories across languages and to let watchlist
/// terms match, not to read. Thread-safe and synchronous; each text is cut to
/// <see cref="TranslationOptions.MaxCharacters"/> and given <see cref="TranslationOptions.TimeoutMilliseconds"/>.
/// </summary>
/// <remarks>
/// Nothing is loaded until a language is first asked for: an apertium pair starts its processes (kept running until
/// disposal), a dictionary is read into memory once. A missing package or a failure is logged once per language and
/// gives null, never an exception.
/// </remarks>
public sealed class EnglishTranslator : IDisposable
{
    private readonly TranslationOptions _options;
    private readonly ILogger<EnglishTranslator> _logger;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, ITranslation> _translations;
    private readonly IReadOnlyList<ApertiumPipeline> _pipelines;
    private readonly TranslationCache _cache;
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    public EnglishTranslator(IOptions<TranslationOptions> options, ILogger<EnglishTranslator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _timeout = TimeSpan.FromMilliseconds(_options.TimeoutMilliseconds);
        _cache = new TranslationCache(_options.CacheEntries);

        // Debian packages apertium pairs to English for Spanish only; the others go through Spanish.
        var pipelines = new Dictionary<string, ApertiumPipeline>(StringComparer.Ordinal);
        ApertiumPipeline Pipeline(string mode, string package) =>
            pipelines.TryGetValue(mode, out var pipeline) ? pipeline
            : pipelines[mode] = new ApertiumPipeline(Path.Combine(_options.ApertiumModesPath, mode + ".mode"), package);
        ApertiumChain Chain(string language, params (string Mode, string Package)[] steps) =>
            new(language, [.. steps.Select(step => Pipeline(step.Mode, step.Package))]);
        var spanish = ("spa-eng", "apertium-eng-spa");
        _translations = new Dictionary<string, ITranslation>(StringComparer.Ordinal)
        {
            ["es"] = Chain("es", spanish),
            ["fr"] = Chain("fr", ("fr-es", "apertium-fr-es"), spanish),
            ["it"] = Chain("it", ("ita-spa", "apertium-spa-ita"), spanish),
            ["pt"] = Chain("pt", ("pt-es", "apertium-es-pt"), spanish),
            ["de"] = new GermanGloss(Path.Combine(_options.DictdPath, "german-english")),
            ["ja"] = new JapaneseGloss(Path.Combine(_options.DictdPath, "freedict-jpn-eng")),
            ["zh"] = new ChineseGloss(_options.CedictPath),
        };
        _pipelines = [.. pipelines.Values];
    }

    /// <summary>
    /// English text for <paramref name="text"/> written in <paramref name="language"/> (ISO 639-1, as
    /// <see cref="LanguageGuess"/> returns it), or null when the language is English or unknown, has no translator
    /// here, the translator is missing, or it failed or timed out.
    /// </summary>
    public string? ToEnglish(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        language = (language ?? "").Trim().ToLowerInvariant();
        if (!_options.Enabled || language is "" or "en" || string.IsNullOrWhiteSpace(text))
            return null;
        if (!_translations.TryGetValue(language, out var translation))
        {
            Unavailable(language, $"no translator for {language}", LogLevel.Information);
            return null;
        }
        if (translation.Missing() is { } missing)
        {
            Unavailable(language, missing, LogLevel.Warning);
            return null;
        }
        text = Cut(text, _options.MaxCharacters);
        var hash = TranslationCache.Hash(text);
        if (_cache.TryGet(language, hash, out var cached))
            return cached;
        var english = translation.Translate(text, _timeout, out var failure);
        if (english is null)
        {
            Unavailable(language, failure ?? "no answer", LogLevel.Warning);
            return null;
        }
        _cache.Add(language, hash, english);
        return english;
    }

    /// <summary>
    /// What treatment <paramref name="language"/> gets, for <c>monitor explain</c> and logs: "apertium fr→es→en",
    /// "word gloss (Ding de-en)", …, or "none (…)" saying why not.
    /// </summary>
    public string Treatment(string language)
    {
        language = (language ?? "").Trim().ToLowerInvariant();
        if (language == "en")
            return "none (English)";
        if (language.Length == 0)
            return "none (language unknown)";
        if (!_options.Enabled)
            return "none (translation disabled: Translation:Enabled is false)";
        if (!_translations.TryGetValue(language, out var translation))
            return $"none (no translator for {language})";
        return translation.Missing() is { } missing ? $"none ({missing})" : translation.Treatment;
    }

    /// <summary>Stops the apertium processes.</summary>
    public void Dispose()
    {
        foreach (var pipeline in _pipelines)
            pipeline.Dispose();
    }

    /// <summary>At most <paramref name="max"/> characters of the text, cut at a white space if one is near.</summary>
    internal static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var space = text.LastIndexOfAny([' ', '\n', '\t'], max, max / 2);
        var end = space > 0 ? space : max;
        // Never between the halves of a surrogate pair.
        if (char.IsHighSurrogate(text[end - 1]))
            end--;
        return text[..end];
    }

    private void Unavailable(string language, string reason, LogLevel level)
    {
        if (_reported.TryAdd(language, true))
        {
            _logger.Log(level,
                "Translation of {Language} unavailable: {Reason}; cross-language matching falls back to anchors",
                language, reason);
        }
        else
            _logger.LogDebug("Translation of {Language} failed: {Reason}", language, reason);
    }
}
