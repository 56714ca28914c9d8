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

    private static string Prose(int seed, int words)
    {
        var vocabulary = "the of chip export rule firm said market new data model plant tool order price week state bank fund court deal plan talk trade line year group board share cost team site".Split(' ');
        var random = new Random(seed);
        // Lower-case words without digits: no anchors (names, codes, counts), so only shingles can match.
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[random.Next(vocabulary.Length)] + (char)('a' + random.Next(26)) + (char)('a' + random.Next(26))));
    }

    [Fact]
    public void Stories_ChainToTheFirstReport()
    {
        var dedup = new Deduplicator(new SeedCorpus([]), Options.Create(new DedupOptions()), TimeProvider.System);
        var story = Prose(1, 200);
        var now = DateTimeOffset.UtcNow;

        var first = dedup.CheckAndRemember("a", dedup.Fingerprint("First", "", story), now);
        var second = dedup.CheckAndRemember("b", dedup.Fingerprint("Second", "", "Share this\n" + story), now);
        var third = dedup.CheckAndRemember("c", dedup.Fingerprint("Third", "", story + "\nRead more"), now);

        Assert.Equal(DedupOutcome.New, first.Outcome);
        Assert.Equal("a", second.StoryOf);
        Assert.Equal("a", third.StoryOf);
        Assert.Equal("a", dedup.StoryOf("c"));
    }

    [Fact]
    public void ShortArticleInsideALongEarlierPage_JoinsItsStory_ButSharedBoilerplateDoesNot()
    {
        var dedup = new Deduplicator(new SeedCorpus([]), Options.Create(new DedupOptions()), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var article = Prose(2, 60);
        var footer = Prose(3, 40);
        dedup.CheckAndRemember("page", dedup.Fingerprint("Roundup", "", Prose(4, 400) + "\n" + article + "\n" + Prose(5, 400) + "\n" + footer), now);

        var contained = dedup.Check("short", dedup.Fingerprint("", "", article));
        var boilerplateOnly = dedup.Check("other", dedup.Fingerprint("", "", Prose(6, 200) + "\n" + footer));

        Assert.Equal(DedupOutcome.SameStory, contained.Outcome);
        Assert.Equal(DedupVerdict.ArticleInEarlier, contained.Measure);
        Assert.Equal(DedupOutcome.New, boilerplateOnly.Outcome);
    }

    [Fact]
    public void Forget_EndsAStoryAfterStoryDays_AndSignaturesAfterTheHorizon()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        var dedup = new Deduplicator(new SeedCorpus([]), Options.Create(new DedupOptions()), time);
        const string Facts = "Bank of China will lend 1 trillion yuan from January 23, said Ge Haijiao, with 138 billion dollars for Zhipu.";
        // Two write-ups of one announcement: the same facts and a headline that tells the same event in other words.
        dedup.CheckAndRemember("wire", dedup.Fingerprint("Bank of China lends 1 trillion yuan to AI firms", "", Facts + "\n" + Prose(7, 120)), time.GetUtcNow());
        var sameDay = dedup.Check("other", dedup.Fingerprint("Bank of China to lend AI firms 1 trillion yuan", "", Facts + "\n" + Prose(8, 120)),
            new StoryTime(null, time.GetUtcNow()));

        time.Advance(TimeSpan.FromDays(new DedupOptions().StoryDays + 1));
        dedup.Forget(time.GetUtcNow());
        var weekLater = dedup.Check("other", dedup.Fingerprint("Bank of China to lend AI firms 1 trillion yuan", "", Facts + "\n" + Prose(8, 120)),
            new StoryTime(null, time.GetUtcNow()));
        var copyWeekLater = dedup.Check("copy", dedup.Fingerprint("Bank of China lends 1 trillion yuan to AI firms", "", Facts + "\n" + Prose(7, 120)));
        time.Advance(TimeSpan.FromDays(90));
        var forgotten = dedup.Forget(time.GetUtcNow());

        Assert.Equal(DedupVerdict.EarlierStory, sameDay.Measure);
        Assert.Equal(DedupOutcome.New, weekLater.Outcome);
        Assert.Equal(DedupOutcome.SameStory, copyWeekLater.Outcome);
        Assert.True(forgotten > 0);
        Assert.Equal(0, dedup.RememberedCount);
    }
}
