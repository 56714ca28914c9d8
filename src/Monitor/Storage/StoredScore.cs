using Monitor.Scoring;

namespace Monitor.Storage;

/// <summary>
/// A score as stored: the threshold is not kept, so a watchlist edit applies to articles already found. The
/// explanation beyond the matches (<see cref="Details"/>) is null for rows stored before it was kept.
/// </summary>
public sealed record StoredScore(string Watchlist, double Score, IReadOnlyList<TermMatch> Matches)
{
    public ScoreDetails? Details { get; init; }
}

/// <summary>What a score was made of besides its matches, stored as JSON beside it.</summary>
public sealed record ScoreDetails(double RawScore, double Threshold, IReadOnlyList<TermMatch> Excluded, string? UnmetRequirement, double SeedBonus,
    bool Translated = false)
{
    public static ScoreDetails Of(WatchlistScore score) =>
        new(score.RawScore, score.Threshold, score.Excluded, score.UnmetRequirement, score.SeedBonus, score.Translated);
}

/// <summary>How an article was read for scoring: its detected language and its similarity to the closest seed file.</summary>
public sealed record ScoringContext(string Language, double? SeedSimilarity, string? ClosestSeed)
{
    public static ScoringContext Of(ScoredArticle scored) => new(scored.Language, scored.SeedSimilarity, scored.ClosestSeed);
}
