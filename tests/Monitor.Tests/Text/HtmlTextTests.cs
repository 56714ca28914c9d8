using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class HtmlTextTests
{
    private readonly HtmlText _html = new();

    [Fact]
    public void ToPlainText_KeepsParagraphsAndDropsScripts()
    {
        var text = _html.ToPlainText("<p>First &amp; <b>bold</b></p><script>alert(1)</script><style>p{}</style><ul><li>one</li><li>two</li></ul>");

        Assert.Equal("First & bold\none\ntwo", text);
    }

    [Fact]
    public void ToPlainText_PlainTextPassesThrough() =>
        Assert.Equal("Contrôles à l'exportation", _html.ToPlainText("  Contrôles   à l'exportation \n"));

    [Fact]
    public void ToPlainText_DeepNesting_FallsBackToStrippingTags()
    {
        var deep = string.Concat(Enumerable.Repeat("<b>", 50_000)) + "Huawei &amp; SMIC" + string.Concat(Enumerable.Repeat("</b>", 50_000));

        Assert.True(HtmlText.EstimatedNesting(deep) > 300);
        Assert.Equal("Huawei & SMIC", _html.ToPlainText(deep));
    }

    [Fact]
    public void EstimatedNesting_CountsOpenMinusClose() =>
        Assert.Equal(3, HtmlText.EstimatedNesting("<div><p><b>x</b></p><p>y</p></div> a < b"));
}
