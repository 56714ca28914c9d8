using Monitor.Dedup;
using Monitor.Tests.Support;

namespace Monitor.Tests.Dedup;

/// <summary>The story model's signals, each on its own: entities, content words and headlines, time, and the model.</summary>
public sealed class StorySignalsTests
{
    private static readonly MinHash Hash = new(96);

    private static Fingerprint Print(string title, string body) => Fingerprint.Of(title, body, 5, Hash);

    [Theory]
    [InlineData("Shares of Advanced Micro Devices rose.", "advanced micro devices")]
    [InlineData("a report by the New York Times said", "new york times")]
    [InlineData("rules from the Bureau of Industry and Security apply", "bureau of industry and security")]
    [InlineData("The Commerce Department said so.", "commerce department")]
    [InlineData("shares of Nvidia and AMD fell", "nvidia", "amd")]
    [InlineData("said the US Commerce Department on the phone", "commerce department")]
    public void Names_OfSeveralWords_AreOneAnchor(string text, params string[] expected)
    {
        var names = Anchor.Of("", text, "en").Where(a => a.Kind == AnchorKind.Name).Select(a => a.Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Idf_OfAnAnchorEveryTextHas_IsFarBelowOneOnlyTwoHave()
    {
        var frequencies = new DocumentFrequencies();
        for (var i = 0; i < 100; i++)
            frequencies.Add(Print("", $"Analysts said Nvidia sold item {i + 100}."));
        frequencies.Add(Print("", "Analysts said Nvidia paid 5 billion dollars."));
        frequencies.Add(Print("", "Analysts said Nvidia agreed to pay 5 billion dollars."));

        var common = frequencies.AnchorIdf(new Anchor(AnchorKind.Name, "nvidia"));
        var rare = frequencies.AnchorIdf(new Anchor(AnchorKind.Amount, "usd:5E+09"));

        Assert.True(common < rare / 8, $"idf of a name in every text: {common}, of an amount two texts share: {rare}");
        Assert.True(rare > 3, $"idf of an amount two texts share: {rare}");
    }

    [Fact]
    public void Idf_OfAFreshHistory_CountsThePriorSample()
    {
        var frequencies = new DocumentFrequencies();
        frequencies.SetPrior([Print("", "Analysts said Nvidia sold chips."), Print("", "Analysts said Nvidia and Huawei compete.")]);
        frequencies.Add(Print("", "Analysts said Nvidia paid 5 billion dollars."));

        Assert.True(frequencies.AnchorIdf(new Anchor(AnchorKind.Amount, "usd:5E+09")) > 3);
        Assert.True(frequencies.AnchorIdf(new Anchor(AnchorKind.Name, "nvidia")) < 0.1, "a name in every text of the prior sample is common from the start");
    }

    [Fact]
    public void TextCosine_IsOneForTheSameWords_ZeroForNoneShared_AndIgnoresStopWords()
    {
        var frequencies = new DocumentFrequencies();
        var a = TermVector.Of("Chip export rules", "The rules restrict exports of chips.", "en");
        var b = TermVector.Of("Chip export rules", "The rules restrict exports of chips.", "en");
        var c = TermVector.Of("Football final", "The team won the cup in the final.", "en");

        Assert.Equal(1.0, TermVector.Cosine(a, b, frequencies), 6);
        Assert.Equal(0.0, TermVector.Cosine(a, c, frequencies), 6);
        Assert.DoesNotContain(TermVector.Hash("the"), a.Terms);
    }

    [Fact]
    public void TextCosine_OfWordsEveryTextHas_WeighsLittle()
    {
        var frequencies = new DocumentFrequencies();
        for (var i = 0; i < 60; i++)
            frequencies.Add(Print("", "nvidia china chips market news " + i));
        var shareCommon = TermVector.Cosine(TermVector.Of("", "nvidia china chips licence", "en"), TermVector.Of("", "nvidia china chips tariff", "en"), frequencies);
        var shareRare = TermVector.Cosine(TermVector.Of("", "nvidia licence revoked", "en"), TermVector.Of("", "tariff licence revoked", "en"), frequencies);

        Assert.True(shareRare > shareCommon, $"two rare words shared {shareRare} <= three common ones {shareCommon}");
    }

    [Theory]
    [InlineData("2025-07-31", "2025-07-31", null, null, 0.0)]
    [InlineData("2025-07-31", "2025-11-28", null, null, 120.0)]
    [InlineData(null, null, "2026-12-01", "2026-12-03", 2.0)]
    [InlineData("2025-07-31", null, null, "2026-12-01", null)]
    [InlineData("2026-12-05", null, null, "2026-12-01", 4.0)]
    public void Gap_UsesPublicationDates_FoundTimesForTwoUndated_AndOnlyABoundForOneOfEach(
        string? publishedA, string? publishedB, string? foundA, string? foundB, double? expected)
    {
        static DateTimeOffset? At(string? day) => day is null ? null : DateTimeOffset.Parse(day + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var a = new StoryTime(At(publishedA), At(foundA) ?? At("2026-12-01"));
        var b = new StoryTime(At(publishedB), At(foundB) ?? At("2026-12-01"));

        Assert.Equal(expected, StoryTime.Gap(a, b));
    }

    [Fact]
    public void Signals_InOneLanguage_CompareTheirOwnWords_AcrossLanguagesTheirEnglish()
    {
        var frequencies = new DocumentFrequencies();
        var english = Print("Nvidia to resume chip sales to China", "Nvidia will resume sales of its H20 chip to China.");
        const string FrenchBody = "Nvidia reprendra les ventes de sa puce H20 en Chine, et le groupe dit que les licences sont pour la Chine.";
        var french = Fingerprint.Of("Nvidia va reprendre ses ventes", FrenchBody, 5, Hash,
            toEnglish: (text, _) => text.StartsWith("Nvidia va", StringComparison.Ordinal) ? "Nvidia to resume its sales" : "Nvidia will resume sales of its H20 chip to China.");
        var untranslated = Print("Nvidia va reprendre ses ventes", FrenchBody);

        var translated = StorySignals.Between(english, french, StoryTime.Unknown, StoryTime.Unknown, frequencies);
        var blind = StorySignals.Between(english, untranslated, StoryTime.Unknown, StoryTime.Unknown, frequencies);

        Assert.True(translated.Translated);
        Assert.False(translated.Blind);
        Assert.True(translated.Text > 0.5, $"text {translated.Text}");
        Assert.True(blind.Blind);
        Assert.True(blind.Text < translated.Text);
    }

    [Fact]
    public void Model_AddsItsWeightedSignals_AndJoinsFromTheThreshold()
    {
        var model = new StoryModel(new StoryModelOptions
        {
            Intercept = -4, Entities = 1, Text = 2, Title = 1, Shingles = 1, Near = 1, Far = -1, Blind = 0.5, Threshold = 0.5,
        });
        var weak = new StorySignals(0, 0.1, 0, 0, null, false, []);
        var strong = new StorySignals(Math.E - 1, 0.9, 0.5, 0, 1, false, []);
        var farApart = strong with { GapDays = 3 + Math.E - 1 };

        Assert.Equal(-4 + 0.2, model.Logit(weak), 9);
        Assert.Equal(-4 + 1 + 1.8 + 0.5 + 1, model.Logit(strong), 9);
        Assert.Equal(model.Logit(strong) - 1 - 1, model.Logit(farApart), 9);
        Assert.False(model.Joins(weak));
        Assert.True(model.Joins(strong));
        Assert.Contains("p=", model.Explain(strong), StringComparison.Ordinal);
    }

    [Fact]
    public void LogisticRegression_RecoversTheDirectionOfEachFeature()
    {
        var random = new Random(7);
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 2000; i++)
        {
            double a = random.NextDouble(), b = random.NextDouble(), noise = random.NextDouble();
            x.Add([1, a, b, noise]);
            y.Add(random.NextDouble() < 1 / (1 + Math.Exp(-(-3 + 6 * a - 2 * b))));
        }

        var w = LogisticRegression.Fit(x, y, l2: 0.1);

        Assert.InRange(w[1], 4, 8);
        Assert.InRange(w[2], -3.5, -0.8);
        Assert.InRange(w[3], -1, 1);
    }
}
