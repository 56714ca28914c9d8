using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class LanguageGuessTests
{
    [Theory]
    [InlineData("The ministry said that the rules will apply to chips", "en")]
    [InlineData("Le ministère a dit que les règles sont pour les puces", "fr")]
    [InlineData("Die Regeln für die Chips sind neu und gelten sofort", "de")]
    [InlineData("Pemerintah akan memberikan kontrol ekspor yang baru dan ini juga", "id")]
    [InlineData("美国对中国实施新的出口管制措施", "zh")]
    [InlineData("미국은 중국에 대한 수출 통제를 강화했다", "ko")]
    [InlineData("日本のメーカーは輸出規制を強化した", "ja")]
    [InlineData("Gli Stati Uniti hanno rafforzato i controlli sulle esportazioni che sono anche nel testo", "it")]
    [InlineData("Estados Unidos endureció los controles de exportación de chips para las empresas del país", "es")]
    [InlineData("Os Estados Unidos reforçaram os controles de exportação dos chips com uma nova regra", "pt")]
    [InlineData("日本政府、半導体輸出規制を強化", "ja")]                // one kana among twelve kanji
    [InlineData("米国政府は中国への半導体の輸出規制を強化した", "ja")]
    [InlineData("美国政府加强了对英伟达芯片的出口管制", "zh")]
    [InlineData("美國政府加強了對英偉達晶片的出口管制", "zh")]
    [InlineData("美国商务部长吉娜・雷蒙多宣布了新的出口管制措施", "zh")] // the middle dot of a foreign name is no kana
    [InlineData("Nvidia H20 export ban", "")]
    [InlineData("DIE ZEIT FÜR DIE CHIPS", "de")] // folded: FÜR = fur
    public void Of_TellsTheLanguageFromScriptAndFunctionWords(string text, string expected) => Assert.Equal(expected, LanguageGuess.Of(text));

    [Theory]
    [InlineData("Nvidia ban", "", "The rules of the ministry apply", 1500)]
    [InlineData("", "Le ministère", "et les règles", 1500)]
    [InlineData("Nvidia ban", "", "The rules of the ministry apply", 16)]  // the sample ends in the content's first word
    [InlineData("Nvidia ban", "", "The rules of the ministry apply", 11)]  // ... and on the line break before it
    [InlineData("The", "and", "", 5)]                                       // "and" is cut off: "" where the whole says "en"
    [InlineData("The th", "e and of", "", 1500)]                           // fields never join into one word
    [InlineData("中国", "the and", "", 1500)]
    public void Of_FieldsReadsTheSampleTheTextsJoinedWithLineBreaksWouldGive(string title, string summary, string content, int sample)
    {
        string[] texts = [title, summary, content];
        var joined = string.Join("\n", texts.Where(t => t.Length > 0));

        Assert.Equal(LanguageGuess.Of(joined.Length <= sample ? joined : joined[..sample]), LanguageGuess.Of(texts, sample));
    }

    [Fact]
    public void Of_FieldsStopsAtTheSampleLength()
    {
        Assert.Equal("en", LanguageGuess.Of(["The", "and", ""], 7));
        Assert.Equal("", LanguageGuess.Of(["The", "and", ""], 5));
    }

    [Fact]
    public void Of_CountsTheWordsItIsGivenAsItCountsTheText()
    {
        const string text = "Les contrôles à l'exportation de la Chine et des États-Unis visent les puces d'Nvidia";

        Assert.Equal("fr", LanguageGuess.Of(text));
        Assert.Equal("fr", LanguageGuess.Of(text, WordTokenizer.Words(text)));
    }
}
