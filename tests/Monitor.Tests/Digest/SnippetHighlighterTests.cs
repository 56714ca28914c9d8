using Monitor.Digest;

namespace Monitor.Tests.Digest;

public sealed class SnippetHighlighterTests
{
    private static List<string> Marked(string snippet, params string[] forms) =>
        SnippetHighlighter.Ranges(snippet, forms).Select(r => snippet.Substring(r.Start, r.Length)).ToList();

    [Fact]
    public void Ranges_FindEveryInflectionOfTheMatchedWords()
    {
        var marked = Marked("Les puces chinoises et la puce de Huawei face aux contrôles à l'exportation.", "puces", "controles a l'exportation");

        Assert.Equal(["puces", "puce", "contrôles à l'exportation"], marked);
    }

    [Fact]
    public void Ranges_MarkPhrasesOnlyWhereTheirWordsFollowEachOther()
    {
        Assert.Equal(["export controls"], Marked("New export controls, and controls on export credit.", "export controls"));
    }

    [Fact]
    public void Ranges_MergeOverlapsAndIgnoreWordsInsideOtherWords()
    {
        Assert.Equal(["Nvidia H20 chips"], Marked("Nvidia H20 chips; NvidiaX and H200 are not.", "Nvidia H20", "H20 chips"));
        Assert.Empty(Marked("", "Nvidia"));
        Assert.Empty(Marked("Nothing here", ""));
    }
}
