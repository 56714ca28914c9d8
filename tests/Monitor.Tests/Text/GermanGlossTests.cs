using Monitor.Text;

namespace Monitor.Tests.Text;

/// <summary>The gloss's rules on a few words; Ding itself is in <see cref="EnglishTranslatorTests"/>.</summary>
public sealed class GermanGlossTests
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["Ausfuhr"] = "export", ["Kontrolle"] = "control", ["Chip"] = "chip", ["neu"] = "new", ["Neuen"] = "newcomers",
        ["Handel"] = "trade", ["Ministerium"] = "ministry", ["USA"] = "USA",
    };

    [Theory]
    [InlineData("Kontrolle", "control")]
    [InlineData("Kontrollen", "control")]            // -n
    [InlineData("neuen", "new")]                     // the lower-case word and its endings before the noun "Neuen"
    [InlineData("Neuen", "newcomers")]
    [InlineData("Ausfuhrkontrollen", "export control")]
    [InlineData("Handelsministerium", "trade ministry")] // linking -s
    [InlineData("die", "the")]
    [InlineData("H20", null)]
    [InlineData("EU", null)]                         // an acronym is looked up as written only
    [InlineData("USA", "USA")]
    [InlineData("Nvidia", null)]
    public void Gloss_finds_words_endings_and_compounds(string word, string? english) =>
        Assert.Equal(english, GermanGloss.Gloss(Words, word));

    [Fact]
    public void Entry_reads_the_first_sense_and_whether_the_headword_stands_alone()
    {
        Assert.Equal(("Regierung", "government", true),
            GermanGloss.Entry("Regierung\n {f} [pol.]\n   government /Gov.; Govt./; administration [Am.]\n"));
        Assert.Equal(("verschärfen", "tighten", false),
            GermanGloss.Entry("verschärfen\n die Regeln {vt}\n   to tighten sth. (rules); to toughen\n"));
        Assert.Null(GermanGloss.Entry("Wort\n {n}\n"));
    }
}
