using System.Globalization;
using System.Text.Json.Serialization;

namespace Monitor.Dedup;

/// <summary>
/// The evidence that two texts report one event, one value per signal: <see cref="Entities"/> (the IDF of the
/// anchors both share, summed) and <see cref="EntityShare"/> (that sum over each text's own), <see cref="Text"/>
/// (cosine of their content words weighted by IDF, on their English renderings when their languages differ),
/// <see cref="Title"/> (the same on headline and lede), <see cref="Shingles"/> (the larger of Jaccard and containment
/// of their word 5-grams: copied sentences), <see cref="GapDays"/> (see <see cref="StoryTime.Gap"/>), and what kind of
/// comparison it was. <see cref="StoryModel"/> turns them into one probability.
/// </summary>
public sealed record StorySignals(double Entities, double Text, double Title, double Shingles, double? GapDays,
    bool Translated, IReadOnlyList<string> SharedAnchors, bool Blind = false, bool OtherYears = false,
    double EntityShare = 0, bool Nameless = false)
{
    /// <summary>The other text is a window of a seed (a few passages of a longer page), not an article.</summary>
    public bool WithSeed { get; init; }

    public static readonly StorySignals None = new(0, 0, 0, 0, null, false, []);

    [JsonIgnore]
    public string Summary
    {
        get
        {
            var gap = GapDays is { } days
                ? string.Create(CultureInfo.InvariantCulture, $"{days:0.#} days apart")
                : "dates unknown";
            var anchors = SharedAnchors.Count == 0 ? "" : " (" + string.Join(", ", SharedAnchors) + ")";
            return string.Create(CultureInfo.InvariantCulture,
                $"entities {Entities:0.##}{anchors}; text {Text:0.00}, title {Title:0.00}{Comparison}; shingles {Shingles:0.00}; {gap}{(OtherYears ? "; other years" : "")}");
        }
    }

    private string Comparison => Translated ? " in English" : Blind ? " (not comparable: no translation)" : "";

    /// <summary>
    /// The signals between two fingerprints. <paramref name="listAnchors"/> lists the shared anchors (most telling
    /// first) for the verdict; the lookups leave it off for every candidate but the best.
    /// </summary>
    public static StorySignals Between(Fingerprint a, Fingerprint b, StoryTime timeA, StoryTime timeB,
        DocumentFrequencies frequencies, bool listAnchors = false)
    {
        var (entities, shared) = SharedEntities(a.Anchors, b.Anchors, frequencies, listAnchors);
        var massA = Mass(a.Anchors, frequencies);
        var massB = Mass(b.Anchors, frequencies);
        var share = massA == 0 || massB == 0 ? 0 : entities / Math.Sqrt(massA * massB);
        var gap = StoryTime.Gap(timeA, timeB);
        var otherYears = YearsDisjoint(a.Anchors, b.Anchors);
        // Names are read from capital letters: a text in Chinese, Japanese or Korean has none to share.
        var nameless = IsCjk(a.Language) || IsCjk(b.Language);
        // Same language: their own words; else each one's English rendering where it has one.
        if (SameLanguage(a.Language, b.Language))
            return new StorySignals(entities, TermVector.Cosine(a.Terms, b.Terms, frequencies),
                TermVector.Cosine(a.TitleTerms, b.TitleTerms, frequencies), ShingleOverlap(a.Shingles, b.Shingles), gap, false,
                shared, OtherYears: otherYears, EntityShare: share, Nameless: nameless);
        var text = TermVector.Cosine(a.EnglishTerms ?? a.Terms, b.EnglishTerms ?? b.Terms, frequencies);
        var title = TermVector.Cosine(a.EnglishTitleTerms ?? a.TitleTerms, b.EnglishTitleTerms ?? b.TitleTerms,
            frequencies);
        // Blind: their words could not be compared (a language with no translator here): only anchors speak.
        var blind = !(InEnglish(a) && InEnglish(b));
        return new StorySignals(entities, text, title, ShingleOverlap(a.Shingles, b.Shingles), gap,
            a.EnglishTerms is not null || b.EnglishTerms is not null, shared, blind, otherYears, share, nameless);
    }

    /// <summary>
    /// Both texts name years and none in common: a 2019 plant opening and a 2025 listing of the same company are two
    /// events, whatever names they share (a year alone says too little to count as shared evidence).
    /// </summary>
    private static bool YearsDisjoint(IReadOnlySet<Anchor> a, IReadOnlySet<Anchor> b)
    {
        var any = false;
        foreach (var anchor in a)
        {
            if (anchor.Kind != AnchorKind.Year)
                continue;
            if (b.Contains(anchor))
                return false;
            any = true;
        }
        return any && b.Any(x => x.Kind == AnchorKind.Year);
    }

    private static bool IsCjk(string language) => language is "zh" or "ja" or "ko";

    private static bool InEnglish(Fingerprint f) => f.Language is "en" or "" || f.EnglishTerms is not null;

    /// <summary>A headline too short to tell ("") is read as English, as its terms were.</summary>
    private static bool SameLanguage(string a, string b) => (a.Length == 0 ? "en" : a) == (b.Length == 0 ? "en" : b);

    /// <summary>The larger of Jaccard and containment either way of two sorted shingle sets.</summary>
    public static double ShingleOverlap(uint[] a, uint[] b)
    {
        if (a.Length == 0 || b.Length == 0)
            return 0;
        var shared = (double)Fingerprint.Overlap(a, b);
        var containment = shared / Math.Min(a.Length, b.Length) * ContainmentShare(a.Length, b.Length);
        return Math.Max(containment, shared / (a.Length + b.Length - shared));
    }

    /// <summary>
    /// Containment counts fully only when the smaller text is a real text, not a headline: a 10-shingle lead
    /// inside a long article says less than a 200-shingle one.
    /// </summary>
    private static double ContainmentShare(int a, int b) => Math.Min(1, Math.Min(a, b) / 40.0);

    /// <summary>The weight of all of a text's anchors (as <see cref="SharedEntities"/> weighs shared ones).</summary>
    private static double Mass(IReadOnlySet<Anchor> anchors, DocumentFrequencies frequencies)
    {
        var mass = 0.0;
        foreach (var anchor in anchors)
            if (anchor.Kind is not AnchorKind.Year)
                mass += frequencies.AnchorIdf(anchor) * anchor.KindFactor;
        return mass;
    }

    private static (double Score, IReadOnlyList<string> Shared) SharedEntities(IReadOnlySet<Anchor> a,
        IReadOnlySet<Anchor> b, DocumentFrequencies frequencies, bool list)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var score = 0.0;
        List<(Anchor Anchor, double Idf)>? shared = list ? [] : null;
        foreach (var anchor in small)
        {
            if (anchor.Kind is AnchorKind.Year || !large.Contains(anchor))
                continue;
            var idf = frequencies.AnchorIdf(anchor) * anchor.KindFactor;
            score += idf;
            shared?.Add((anchor, idf));
        }
        return (score, shared is null ? [] : shared.OrderByDescending(s => s.Idf)
            .ThenBy(s => s.Anchor.ToString(), StringComparer.Ordinal)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Anchor} {s.Idf:0.#}")).ToList());
    }
}
