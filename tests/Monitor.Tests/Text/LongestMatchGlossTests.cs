using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class LongestMatchGlossTests
{
    private static readonly LongestMatchGloss Japanese = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["輸出"] = "export", ["規制"] = "regulation", ["輸出規制"] = "export controls", ["半導体"] = "semiconductor",
        ["強化"] = "strengthen", ["データ"] = "data", ["センター"] = "centre", ["エヌ"] = "N", ["して"] = "",
    }, longest: 8, dropUnknownHiragana: true);

    [Theory]
    [InlineData("半導体の輸出規制を強化", "semiconductor export controls strengthen")] // the longest match wins
    [InlineData("半導体輸出", "semiconductor export")]
    [InlineData("Ｈ２０の輸出、23%。", "H20 export, 23%.")]                         // full-width as ASCII, kept
    [InlineData("データセンターの規制", "data centre regulation")]                   // katakana covered by words
    [InlineData("エヌビディアの規制", "エヌビディア regulation")]                       // a name is kept whole
    [InlineData("強化して「規制」", "strengthen \"regulation\"")]                      // an empty gloss writes nothing
    [InlineData("米国の輸出", "米国 export")]                                        // unknown kanji kept together
    public void Gloss_writes_the_longest_words_in_order(string text, string english) =>
        Assert.Equal(english, Japanese.Gloss(text));

    [Fact]
    public void Unknown_hiragana_is_kept_where_particles_are_not_dropped()
    {
        var gloss = new LongestMatchGloss(new Dictionary<string, string>(StringComparer.Ordinal) { ["芯片"] = "chip" },
            longest: 8, dropUnknownHiragana: false);

        Assert.Equal("の chip", gloss.Gloss("の芯片"));
    }
}
