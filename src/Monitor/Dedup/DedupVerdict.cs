using System.Text.Json.Serialization;

namespace Monitor.Dedup;

public enum DedupOutcome
{
    /// <summary>Not seen before: a story of its own.</summary>
    New,
    /// <summary>The same article or the same event as a seed: never mailed.</summary>
    SeedDuplicate,
    /// <summary>The same story as an earlier article (<see cref="DedupVerdict.StoryOf"/>): shown once, under the story.</summary>
    SameStory,
}

/// <summary>
/// Whether an article was already seen, with its evidence: which seed (file and passages) or which earlier article,
/// which measure, which value, against which threshold, and the anchors both texts share when the measure is anchors.
/// Stored with the article as JSON, and printed by <c>monitor explain</c>.
/// </summary>
public sealed record DedupVerdict(
    [property: JsonConverter(typeof(JsonStringEnumConverter<DedupOutcome>))] DedupOutcome Outcome,
    string? SeedFile, int? PassageIndex, string? StoryOf, string? Measure, double Value, double Threshold, IReadOnlyList<string> Anchors,
    string? Closest = null, StorySignals? Signals = null)
{
    /// <summary>The story model's probability that the article reports the seed's event (<see cref="Signals"/> say why).</summary>
    public const string SeedStory = "story model with seed";

    /// <summary>The story model's probability that the article reports the earlier article's event.</summary>
    public const string EarlierStory = "story model with earlier article";

    public const string ArticleInSeed = "article contained in seed";
    public const string SeedInArticle = "seed passage contained in article";
    public const string SeedAnchors = "anchors shared with seed";
    public const string Jaccard = "shingle Jaccard with earlier article";
    public const string ArticleInEarlier = "article contained in earlier article";
    public const string EarlierInArticle = "earlier article contained in article";
    public const string StoryAnchors = "anchors shared with earlier article";

    public static DedupVerdict New(double bestValue, double threshold) => new(DedupOutcome.New, null, null, null, null, bestValue, threshold, []);

    [JsonIgnore]
    public bool IsDuplicate => Outcome == DedupOutcome.SeedDuplicate;

    /// <summary>Anchor scores are points, overlaps are shares.</summary>
    private string Figure(double value) => Measure is SeedAnchors or StoryAnchors or SeedStory or EarlierStory
        ? FormattableString.Invariant($"{value:0.##}")
        : FormattableString.Invariant($"{value * 100:0}%");

    [JsonIgnore]
    public string Reason => Outcome switch
    {
        DedupOutcome.SeedDuplicate when Measure == SeedStory =>
            $"same event as seed {SeedFile} (passage {PassageIndex}): {Measure} p={Figure(Value)} >= {Figure(Threshold)} ({Signals?.Summary})",
        DedupOutcome.SameStory when Measure == EarlierStory =>
            $"same story as article {StoryOf}: {Measure} p={Figure(Value)} >= {Figure(Threshold)} ({Signals?.Summary})",
        DedupOutcome.SeedDuplicate when Measure == SeedAnchors =>
            $"same event as seed {SeedFile} (passage {PassageIndex}): {Measure} {Figure(Value)} >= {Figure(Threshold)} ({string.Join(", ", Anchors)})",
        DedupOutcome.SeedDuplicate => $"duplicate of seed {SeedFile} passage {PassageIndex}: {Measure} {Figure(Value)} >= {Figure(Threshold)}",
        DedupOutcome.SameStory when Measure == StoryAnchors =>
            $"same story as article {StoryOf}: {Measure} {Figure(Value)} >= {Figure(Threshold)} ({string.Join(", ", Anchors)})",
        DedupOutcome.SameStory => $"same story as article {StoryOf}: {Measure} {Figure(Value)} >= {Figure(Threshold)}",
        _ => FormattableString.Invariant($"new: highest seed containment {Value * 100:0}% < {Threshold * 100:0}%") + (Closest is null ? "" : "; " + Closest),
    };
}
