namespace Monitor.Scoring;

/// <summary>An article's scores against every watchlist; relevant when at least one reaches its threshold.</summary>
public sealed record ScoredArticle(IReadOnlyList<WatchlistScore> Scores)
{
    public bool IsRelevant => Scores.Any(s => s.IsRelevant);

    public double BestScore => Scores.Count == 0 ? 0 : Scores.Max(s => s.Score);
}
