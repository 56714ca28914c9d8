using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class WordTokenizerTests
{
    [Fact]
    public void Words_FoldCaseAndAccentsAndSplitElisions() =>
        Assert.Equal(["controles", "a", "l", "exportation", "h20", "pays", "bas"], WordTokenizer.Words("Contrôles à l'exportation: H20, Pays-Bas"));

    [Theory]
    [InlineData("puces", "puce")]
    [InlineData("controls", "control")]
    [InlineData("foundries", "foundry")]
    [InlineData("companies", "company")]
    [InlineData("taxes", "tax")]
    [InlineData("matches", "match")]
    [InlineData("licences", "licence")]
    [InlineData("class", "class")]
    [InlineData("classes", "class")]
    [InlineData("status", "status")]
    [InlineData("analysis", "analysis")]
    [InlineData("news", "news")]
    [InlineData("pays", "pays")]
    [InlineData("euv", "euv")]
    [InlineData("bus", "bus")]
    [InlineData("h20s", "h20s")]
    public void FoldPlural_FoldsPluralsOnly(string word, string expected) => Assert.Equal(expected, WordTokenizer.FoldPlural(word));
}
