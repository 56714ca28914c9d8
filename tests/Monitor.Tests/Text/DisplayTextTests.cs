using System.Globalization;
using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("Breaking\r\nBcc: x@example.org", "Breaking Bcc: x@example.org")]
    [InlineData("line\u2028separator\u2029paragraph\u0085next", "line separator paragraph next")]
    [InlineData("abc\u202Egnp.exe", "abcgnp.exe")]
    [InlineData("\u2066isolated\u2069 \u200Fmark", "isolated mark")]
    [InlineData("  tabs\t\tand\vspaces  ", "tabs and spaces")]
    public void SingleLine_RemovesBreaksControlsAndBidiOverrides(string input, string expected) =>
        Assert.Equal(expected, DisplayText.SingleLine(input));

    [Fact]
    public void SingleLine_RemovesLoneSurrogates() =>
        Assert.Equal("lone high and low", DisplayText.SingleLine("lone " + (char)0xD800 + " high and " + (char)0xDC00 + " low"));

    [Fact]
    public void SingleLine_KeepsEmojiRightToLeftAndAccents()
    {
        const string text = "Nvidia 🚀 تصدير الرقائق Pékin 中国 👩‍💻";

        Assert.Equal(text, DisplayText.SingleLine(text));
    }

    [Fact]
    public void Cut_ShortText_IsUnchanged() => Assert.Equal("short title", DisplayText.Cut("short title", 20));

    [Fact]
    public void Cut_CutsAtAWordBoundaryWithAnEllipsis() =>
        Assert.Equal("one two three…", DisplayText.Cut("one two three four five six seven", 16));

    [Theory]
    [InlineData("🚀")]
    [InlineData("👩‍💻")]
    [InlineData("e\u0301")]
    [InlineData("🇫🇷")]
    public void Cut_NeverSplitsATextElement(string element)
    {
        var text = string.Concat(Enumerable.Repeat(element, 500));

        var cut = DisplayText.Cut(text, 37);

        Assert.EndsWith("…", cut);
        var body = cut[..^1];
        Assert.Equal(body.Length, body.Length / element.Length * element.Length);
        Assert.All(StringInfoElements(body), e => Assert.Equal(element, e));
        Assert.True(new StringInfo(cut).LengthInTextElements <= 37);
    }

    [Fact]
    public void Cut_TenThousandCharacterTitle_FitsTheLimit()
    {
        var title = string.Concat(Enumerable.Repeat("Nvidia 🚀 تصدير ", 700));

        var cut = DisplayText.Cut(title, 200);

        Assert.True(new StringInfo(cut).LengthInTextElements <= 200);
        Assert.EndsWith("…", cut);
        // A strict encoder throws on a lone surrogate.
        Assert.NotEmpty(new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(cut));
    }

    private static IEnumerable<string> StringInfoElements(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
            yield return e.GetTextElement();
    }
}
