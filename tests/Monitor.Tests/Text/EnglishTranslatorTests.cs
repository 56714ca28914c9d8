using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Tests.Support;
using Monitor.Text;

namespace Monitor.Tests.Text;

/// <summary>
/// The translator with the real packages (apertium pairs, Ding, FreeDict, CC-CEDICT) for the languages, and a fake
/// apertium (<see cref="FakeApertium"/>) for what real apertium does not do on demand: time out, count its calls.
/// </summary>
public sealed class EnglishTranslatorTests(EnglishTranslatorTests.RealTranslator real)
    : IClassFixture<EnglishTranslatorTests.RealTranslator>
{
    [Fact]
    public void French_goes_through_Spanish_to_English()
    {
        TranslationPackages.RequireApertium("fr-es", "spa-eng");

        var english = real.Translator.ToEnglish(
            "Les États-Unis ont durci les contrôles à l'exportation des puces vers la Chine.", "fr");

        Assert.NotNull(english);
        Assert.Contains("export", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("chip", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("China", english, StringComparison.Ordinal);
        Assert.Equal("apertium fr→es→en", real.Translator.Treatment("fr"));
    }

    [Fact]
    public void Italian_goes_through_Spanish_to_English()
    {
        TranslationPackages.RequireApertium("ita-spa", "spa-eng");

        var english = real.Translator.ToEnglish(
            "Il governo ha rafforzato i controlli sulle esportazioni di chip avanzati.", "it");

        Assert.NotNull(english);
        Assert.Contains("export", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("chip", english, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("apertium it→es→en", real.Translator.Treatment("it"));
    }

    [Theory]
    [InlineData("es", "El gobierno endureció los controles de exportación de chips.", "apertium es→en")]
    [InlineData("pt", "O governo reforçou os controles de exportação de chips.", "apertium pt→es→en")]
    public void Spanish_and_Portuguese_get_apertium(string language, string text, string treatment)
    {
        TranslationPackages.RequireApertium(language == "pt" ? ["pt-es", "spa-eng"] : ["spa-eng"]);

        var english = real.Translator.ToEnglish(text, language);

        Assert.NotNull(english);
        Assert.Contains("export", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("government", english, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(treatment, real.Translator.Treatment(language));
    }

    [Theory]
    [InlineData("Die Regierung verschärft die Ausfuhrkontrollen für Chips.")]
    [InlineData("Neue Exportkontrollen treffen den H20 von Nvidia.")]
    public void German_is_glossed_word_by_word(string text)
    {
        TranslationPackages.RequireDing();

        var english = real.Translator.ToEnglish(text, "de");

        Assert.NotNull(english);
        Assert.Contains("export", english, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("kontrolle", english, StringComparison.OrdinalIgnoreCase);
        if (text.Contains("H20", StringComparison.Ordinal))
        {
            Assert.Contains("H20", english, StringComparison.Ordinal);
            Assert.Contains("Nvidia", english, StringComparison.Ordinal);
        }
        else
            Assert.Contains("government", english, StringComparison.Ordinal);
        Assert.Equal("word gloss (Ding de-en)", real.Translator.Treatment("de"));
    }

    [Fact]
    public void Japanese_is_segmented_and_glossed_without_its_particles()
    {
        TranslationPackages.RequireFreeDictJapanese();

        var english = real.Translator.ToEnglish("米国政府は半導体の輸出規制を強化した。H20も対象になる。", "ja");

        Assert.NotNull(english);
        Assert.Contains("semiconductor", english, StringComparison.Ordinal);
        Assert.Contains("export", english, StringComparison.Ordinal);
        Assert.Contains("government", english, StringComparison.Ordinal);
        Assert.Contains("H20", english, StringComparison.Ordinal);
        Assert.DoesNotContain(english, c => c is >= '\u3040' and <= '\u309F');
        Assert.Equal("word gloss (FreeDict jpn-eng)", real.Translator.Treatment("ja"));
    }

    [Theory]
    [InlineData("英伟达芯片出口管制")]
    [InlineData("英偉達晶片出口管制")]
    public void Chinese_simplified_and_traditional_are_glossed(string text)
    {
        TranslationPackages.RequireCedict();

        var english = real.Translator.ToEnglish(text, "zh");

        Assert.NotNull(english);
        Assert.Contains("nvidia", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("chip", english, StringComparison.Ordinal);
        // 出口 is "an exit" in its first sense; the dictionary's compounds (出口商, 进出口 …) make it "export".
        Assert.Contains("export control", english, StringComparison.Ordinal);
        Assert.Equal("word gloss (CC-CEDICT)", real.Translator.Treatment("zh"));
    }

    [Fact]
    public void Chinese_keeps_codes_and_numbers()
    {
        TranslationPackages.RequireCedict();

        var english = real.Translator.ToEnglish("美国政府加强了对H20芯片的出口管制，涉及23家公司。", "zh");

        Assert.NotNull(english);
        Assert.Contains("H20", english, StringComparison.Ordinal);
        Assert.Contains("23", english, StringComparison.Ordinal);
        Assert.Contains("government", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "none (English)")]
    [InlineData("", "none (language unknown)")]
    [InlineData("ko", "none (no translator for ko)")]
    public void English_unknown_and_unsupported_languages_get_no_translation(string language, string treatment)
    {
        Assert.Null(real.Translator.ToEnglish("Some text to translate", language));
        Assert.Equal(treatment, real.Translator.Treatment(language));
    }

    [Fact]
    public void Missing_data_gives_null_and_the_treatment_says_why()
    {
        var missing = Path.Combine(Path.GetTempPath(), "monitor-no-such-folder");
        var logger = new RecordingLogger<EnglishTranslator>();
        using var translator = new EnglishTranslator(Options.Create(new TranslationOptions
        {
            ApertiumModesPath = missing, DictdPath = missing, CedictPath = Path.Combine(missing, "all.js"),
        }), logger);

        foreach (var language in new[] { "fr", "de", "ja", "zh" })
        {
            Assert.Null(translator.ToEnglish("Un texte, ein Text, 文章", language));
            Assert.Null(translator.ToEnglish("Un autre texte, noch ein Text, 文章", language));
        }

        Assert.Equal($"none (apertium-fr-es not installed: {missing}/fr-es.mode not found)",
            translator.Treatment("fr"));
        Assert.Equal($"none (dict-de-en not installed: {missing}/german-english.index not found)",
            translator.Treatment("de"));
        Assert.StartsWith("none (dict-freedict-jpn-eng not installed", translator.Treatment("ja"),
            StringComparison.Ordinal);
        Assert.StartsWith("none (CC-CEDICT not installed", translator.Treatment("zh"), StringComparison.Ordinal);
        // Once per language, however many articles.
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(4, warnings.Count);
        Assert.Contains(warnings, w =>
            w.StartsWith("Translation of de unavailable: dict-de-en not installed", StringComparison.Ordinal)
            && w.EndsWith("; cross-language matching falls back to anchors", StringComparison.Ordinal));
    }

    [Fact]
    public void Disabled_translates_nothing()
    {
        using var translator = new EnglishTranslator(Options.Create(new TranslationOptions { Enabled = false }),
            new RecordingLogger<EnglishTranslator>());

        Assert.Null(translator.ToEnglish("Les contrôles à l'exportation", "fr"));
        Assert.Equal("none (translation disabled: Translation:Enabled is false)", translator.Treatment("fr"));
    }

    [Fact]
    public void A_timeout_gives_null_and_the_next_text_is_translated_by_a_new_process()
    {
        using var apertium = new FakeApertium("spa-eng");
        var logger = new RecordingLogger<EnglishTranslator>();
        using var translator = Fake(apertium, logger, timeoutMilliseconds: 300);

        Assert.Equal("primero", translator.ToEnglish("primero", "es"));
        Assert.Null(translator.ToEnglish("sleep, por favor", "es"));
        Assert.Equal("segundo", translator.ToEnglish("segundo", "es"));

        Assert.Equal(2, apertium.Processes.Count);
        Assert.True(FakeApertium.Exited(apertium.Processes[0]), "the pipeline that timed out is killed");
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning).Message;
        Assert.Equal("Translation of es unavailable: apertium spa-eng gave no answer within 300 ms; "
            + "cross-language matching falls back to anchors", warning);
    }

    [Fact]
    public void The_same_text_is_translated_once()
    {
        using var apertium = new FakeApertium("spa-eng");
        using var translator = Fake(apertium, new RecordingLogger<EnglishTranslator>());

        var first = translator.ToEnglish("los controles de exportación", "es");
        var again = translator.ToEnglish("los controles de exportación", "es");
        var other = translator.ToEnglish("otro texto", "es");

        Assert.Equal("los controles de exportación", first);
        Assert.Equal(first, again);
        Assert.Equal("otro texto", other);
        Assert.Equal(2, apertium.Calls);
    }

    [Fact]
    public void A_chain_runs_each_step_and_reserved_characters_survive_it()
    {
        using var apertium = new FakeApertium("fr-es", "spa-eng");
        using var translator = Fake(apertium, new RecordingLogger<EnglishTranslator>());

        Assert.Equal("a [b] c\\d ^e$ f/g <h> @i {j}", translator.ToEnglish("a [b] c\\d ^e$ f/g <h> @i {j}", "fr"));
        Assert.Equal(2, apertium.Calls);
        Assert.Equal("apertium fr→es→en", translator.Treatment("fr"));
    }

    [Fact]
    public void A_long_text_is_cut_at_MaxCharacters_on_a_word_boundary()
    {
        using var apertium = new FakeApertium("spa-eng");
        using var translator = Fake(apertium, new RecordingLogger<EnglishTranslator>(), maxCharacters: 100);
        var text = string.Join(' ', Enumerable.Repeat("palabra", 40));

        var english = translator.ToEnglish(text, "es");

        Assert.NotNull(english);
        Assert.True(english.Length <= 100, $"{english.Length} characters");
        Assert.EndsWith("palabra", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_stops_the_apertium_processes()
    {
        using var apertium = new FakeApertium("fr-es", "spa-eng");
        var translator = Fake(apertium, new RecordingLogger<EnglishTranslator>());
        Assert.NotNull(translator.ToEnglish("bonjour", "fr"));
        Assert.Equal(2, apertium.Processes.Count);

        translator.Dispose();

        Assert.All(apertium.Processes, pid => Assert.True(FakeApertium.Exited(pid), $"process {pid} still runs"));
    }

    private static EnglishTranslator Fake(FakeApertium apertium, RecordingLogger<EnglishTranslator> logger,
        int timeoutMilliseconds = 10_000, int maxCharacters = 4000) =>
        new(Options.Create(new TranslationOptions
        {
            ApertiumModesPath = apertium.ModesPath,
            TimeoutMilliseconds = timeoutMilliseconds,
            MaxCharacters = maxCharacters,
        }), logger);

    /// <summary>One translator with the default paths for the real packages: each dictionary loads once.</summary>
    public sealed class RealTranslator : IDisposable
    {
        public EnglishTranslator Translator { get; } =
            new(Options.Create(new TranslationOptions()), new RecordingLogger<EnglishTranslator>());

        public void Dispose() => Translator.Dispose();
    }
}
