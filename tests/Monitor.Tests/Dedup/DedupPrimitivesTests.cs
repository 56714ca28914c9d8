using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Tests.Dedup;

/// <summary>MinHash, LSH banding, anchors and boilerplate stripping, each on its own.</summary>
public sealed class DedupPrimitivesTests
{
    private static ulong[] Set(int from, int count) => Enumerable.Range(from, count).Select(i => unchecked((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(50, 0.333)]
    [InlineData(100, 1.0)]
    public void MinHash_EstimatesJaccard(int shared, double expected)
    {
        var minHash = new MinHash(96);
        var a = minHash.Signature(Set(0, 100));
        var b = minHash.Signature(Set(100 - shared, 100));

        Assert.InRange(MinHash.EstimateJaccard(a, b), expected - 0.15, expected + 0.15);
    }

    [Fact]
    public void MinHash_IsTheSameInEveryProcess()
    {
        // Signatures are stored: a change of hash constants would silently orphan every stored one.
        Assert.Equal(new MinHash(96).Signature(Set(0, 10)), new MinHash(96).Signature(Set(0, 10)));
        Assert.Equal(621440922u, new MinHash(96).Signature(Set(0, 10))[0]);
    }

    [Fact]
    public void LshIndex_FindsNearCopiesAcrossMergesAndForgetsAgedOutOnes()
    {
        var minHash = new MinHash(96);
        var index = new LshIndex(32, 3);
        var old = DateTimeOffset.UtcNow.AddDays(-100);
        for (var d = 0; d < 10_000; d++)
            index.Add(d, minHash.Signature(Set(d * 1000, 100)), d == 7 ? old : DateTimeOffset.UtcNow);

        var near = new HashSet<long>();
        index.Candidates(minHash.Signature(Set(5_000 * 1000 + 10, 100)), near);
        var unrelated = new HashSet<long>();
        index.Candidates(minHash.Signature(Set(-500_000, 100)), unrelated);
        var removed = index.RemoveOlderThan(DateTimeOffset.UtcNow.AddDays(-90));
        var aged = new HashSet<long>();
        index.Candidates(minHash.Signature(Set(7 * 1000, 100)), aged);

        Assert.Contains(5_000L, near);
        Assert.Empty(unrelated);
        Assert.Equal(1, removed);
        Assert.Empty(aged);
        Assert.Equal(9_999, index.Count);
    }

    [Theory]
    [InlineData("fr", "1 000 milliards de yuans", "amount:cny:1E+12")]
    [InlineData("en", "1 trillion yuan", "amount:cny:1E+12")]
    [InlineData("de", "1 Billion Yuan", "amount:cny:1E+12")]
    [InlineData("fr", "8,5 milliards de dollars", "amount:usd:8.5E+09")]
    [InlineData("en", "$8.5 billion", "amount:usd:8.5E+09")]
    [InlineData("ko", "규모가 3,000억 위안을 돌파", "amount:cny:3E+11")]
    [InlineData("zh", "提供1.91万亿元授信支持", "amount:cny:1.91E+12")]
    [InlineData("fr", "une hausse de 12 pour cent", "percent:12")]
    [InlineData("fr", "annoncé le 23 janvier", "date:01-23")]
    [InlineData("en", "announced on January 23", "date:01-23")]
    [InlineData("en", "sales of the H20 resumed", "code:h20")]
    [InlineData("en", "said Yao Shunyu, a researcher", "name:yao shunyu")]
    [InlineData("en", "as reported on https://www.globaltimes.cn/page/1.shtml", "source:globaltimes.cn")]
    public void Anchors_AreLanguageIndependent(string language, string text, string expected)
    {
        var anchors = Anchor.Of("", "Un texte. " + text + ".", language).Select(a => a.ToString()).ToList();

        Assert.Contains(expected, anchors);
    }

    [Fact]
    public void Anchors_LeaveOutSentenceStartsAndEveryDayNames()
    {
        var anchors = Anchor.Of("", "Analysts said China would respond. Beijing said so on Monday. The Commerce Department agreed.", "en");

        Assert.DoesNotContain(anchors, a => a.Kind == AnchorKind.Name && a.Value is "analysts" or "china" or "beijing" or "the");
        Assert.Contains(new Anchor(AnchorKind.Name, "commerce department"), anchors);
    }

    [Fact]
    public void Boilerplate_IsStrippedAndArticleTextKept()
    {
        var text = "Accueil\nPartager sur Facebook\nLa Chine investit dans les puces, selon le ministère.\nLire aussi : un autre article\nStellantis adopte les agents IA, arcbouté sur une plateforme d’IA bâtie avec Dat...\n© 2025 Le Journal";

        Assert.Equal("La Chine investit dans les puces, selon le ministère.", Boilerplate.Strip(text));
    }

    [Fact]
    public void Boilerplate_RepeatedLinesAreTheFeedsSignature()
    {
        var items = new[] { "Story one text.\nThe Daily Wire: independent news since 1990", "Story two.\nThe Daily Wire: independent news since 1990", "Three.\nThe Daily Wire: independent news since 1990" };

        var repeated = Boilerplate.RepeatedLines(items);

        Assert.Equal("Story two.", Boilerplate.Strip(items[1], repeated));
    }
}
