using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Tests.Dedup;

/// <summary>Seed-duplicate detection against the real seed corpus (seeds/, copied next to the tests).</summary>
public sealed class DeduplicatorTests
{
    private static readonly string SeedsFolder = Path.Combine(AppContext.BaseDirectory, "seeds");
    private readonly Deduplicator _dedup;

    public DeduplicatorTests()
    {
        var corpus = SeedCorpus.Load(SeedsFolder, 5, new HtmlText(), NullLogger.Instance);
        _dedup = new Deduplicator(corpus, Options.Create(new DedupOptions()), TimeProvider.System);
    }

    private DedupVerdict Check(string title, string summary, string content) =>
        _dedup.Check("article", _dedup.Fingerprint(title, summary, content));

    private static string SeedParagraphs(string file, int skip, int take) =>
        string.Join("\n", File.ReadAllLines(Path.Combine(SeedsFolder, file)).Where(l => l.Trim().Length > 0).Skip(skip).Take(take));

    [Fact]
    public void Seeds_AreSplitIntoPassages()
    {
        var corpus = SeedCorpus.Load(SeedsFolder, 5, new HtmlText(), NullLogger.Instance);

        Assert.Equal(5, corpus.FileCount);
        Assert.True(corpus.Passages.Count > 5, $"{corpus.Passages.Count} passages");
    }

    [Fact]
    public void Check_RepublishedSeedArticle_IsADuplicateOfThatSeed()
    {
        var verdict = Check("Bank of China : 1 000 milliards de yuans", "", SeedParagraphs("001_8240679369d577f5.txt", 0, 3));

        Assert.True(verdict.IsDuplicate, verdict.Reason);
        Assert.Equal("001_8240679369d577f5.txt", verdict.SeedFile);
        Assert.True(verdict.Value >= 0.9, verdict.Reason);
    }

    [Fact]
    public void Check_ExcerptOfALongSeedPage_IsADuplicate()
    {
        // Two paragraphs from the middle of the longest seed (a page bundling several articles).
        var verdict = Check("Un extrait", SeedParagraphs("000_438c6b7cfc5a448e.txt", 10, 2), "");

        Assert.True(verdict.IsDuplicate, verdict.Reason);
        Assert.Equal("000_438c6b7cfc5a448e.txt", verdict.SeedFile);
        Assert.True(verdict.Value >= 0.9, verdict.Reason);
    }

    [Fact]
    public void Check_SeedArticleQuotedInsideALongerPage_IsADuplicate()
    {
        var own = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"mot{i}"));
        var verdict = Check("Revue de presse", "", own + "\n" + SeedParagraphs("004_8f2a5cfb665e7d37.txt", 0, 30) + "\n" + own);

        Assert.True(verdict.IsDuplicate, verdict.Reason);
        Assert.Equal("004_8f2a5cfb665e7d37.txt", verdict.SeedFile);
    }

    [Fact]
    public void Check_NewArticleOnTheSameTheme_IsNotADuplicate()
    {
        var verdict = Check(
            "La Chine annonce un nouveau fonds pour les puces",
            "Pékin a annoncé mardi un nouveau fonds public destiné aux fabricants de puces, alors que les contrôles à l'exportation américains se durcissent.",
            "Le fonds doit soutenir SMIC et Huawei face aux restrictions sur les équipements de lithographie EUV, selon plusieurs analystes interrogés.");

        Assert.False(verdict.IsDuplicate, verdict.Reason);
        Assert.True(verdict.Value < 0.2, verdict.Reason);
    }

    [Fact]
    public void Check_BareTitle_IsNotJudged()
    {
        var verdict = Check("DeepSeek", "", "");

        Assert.False(verdict.IsDuplicate);
    }
}
