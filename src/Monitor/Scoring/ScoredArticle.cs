namespace Monitor.Scoring;

/// <summary>
/// An article's scores against every watchlist; relevant when at least one reaches its threshold. <see cref="Language"/>
/// is the detected language and <see cref="SeedSimilarity"/> the vocabulary similarity to the closest seed (0 to 1;
/// null when not computed because no watchlist gives a seed bonus).
/// </summary>
public sealed record ScoredArticle(IReadOnlyList<WatchlistScore> Scores)
{
    public string Language { get; init; } = "";

    public double? SeedSimilarity { get; init; }

    public string? ClosestSeed { get; init; }

    public bool IsRelevant => Scores.Any(s => s.IsRelevant);

    public double BestScore => Scores.Count == 0 ? 0 : Scores.Max(s => s.Score);
}
