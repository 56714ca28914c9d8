using Monitor.Text;

namespace Monitor.Tests.Text;

/// <summary>
/// FreeDict's entry layout, on entries written for the test; the dictionary: <see cref="EnglishTranslatorTests"/>.
/// </summary>
public sealed class JapaneseGlossTests
{
    [Fact]
    public void Parse_reads_the_forms_their_priority_and_the_first_sense()
    {
        var entry = JapaneseGloss.Parse(" [news1]  [nf02]  試験 /ʃi/, 験し /ʃi/,  [news1] しけん /ɕike̞ɴ/\n"
            + "1. (noun (common) (futsuumeishi))\n (noun or participle which takes the aux. verb suru)\n"
            + "{試験管}examination, test, exam\n2. trial\n");

        Assert.NotNull(entry);
        Assert.Equal(["試験", "験し", "しけん"], entry.Forms);
        Assert.Equal(["試験", "しけん"], entry.Common);
        Assert.Equal("examination", entry.Gloss);
        Assert.False(entry.WrittenInKana);
    }

    [Fact]
    public void Parse_takes_the_sense_after_a_usage_note()
    {
        var entry = JapaneseGloss.Parse(" [ichi1]  為す /n/,  [ichi1] なす /n/\n1. (Godan verb)\n\n"
            + "         Note: word usually written using kana aloneto accomplish, to do\n");

        Assert.NotNull(entry);
        Assert.Equal("accomplish", entry.Gloss);
        Assert.True(entry.WrittenInKana);
    }
}
