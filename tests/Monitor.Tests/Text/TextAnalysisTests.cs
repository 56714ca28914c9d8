using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class TextAnalysisTests
{
    [Theory]
    [InlineData("中国", true)]
    [InlineData("수출 통제", true)]
    [InlineData("カタカナ", true)]
    [InlineData("ｶﾀｶﾅ", true)]          // half-width katakana
    [InlineData("Nvidia 𠀀 chips", true)] // a supplementary ideograph (a surrogate pair)
    [InlineData("Contrôles à l’exportation — 3 % « puces »", false)]
    [InlineData("Пекин, 北", true)]
    [InlineData("Пекин и Вашингтон", false)]
    [InlineData("", false)]
    public void MayHaveCjk_FindsTheBlocksWhereTheTokenizerGivesHanKanaOrHangul(string text, bool expected) =>
        Assert.Equal(expected, TextAnalysis.MayHaveCjk(text));

    [Theory]
    [InlineData(TextAnalysis.English)]
    [InlineData(TextAnalysis.French)]
    [InlineData(TextAnalysis.German)]
    [InlineData(TextAnalysis.Other)]
    public void Analyze_GivesLatinWordsTheSameTokensPositionsAndOffsetsWithOrWithoutCjkInTheText(string analyzer)
    {
        const string latin = "China's export controls: l'exportation des puces (Pékin, 2025).\nU.S. chips.Nvidia";

        var plain = Tokens(analyzer, latin);
        var mixed = Tokens(analyzer, latin + " 中国");

        Assert.NotEmpty(plain);
        Assert.Equal(plain, mixed[..plain.Count]);
        Assert.Equal(("中国", plain[^1].Position + 1, latin.Length + 1, latin.Length + 3), mixed[^1]);
    }

    private static List<(string Term, int Position, int Start, int End)> Tokens(string analyzer, string text)
    {
        var sink = new Sink();
        TextAnalysis.Analyze(analyzer, text, sink);
        return sink.Tokens;
    }

    private sealed class Sink : ITokenSink
    {
        public List<(string, int, int, int)> Tokens { get; } = [];

        public void Token(ReadOnlySpan<char> term, int position, int start, int end) => Tokens.Add((term.ToString(), position, start, end));
    }
}
