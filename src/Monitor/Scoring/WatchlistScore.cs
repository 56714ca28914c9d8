namespace Monitor.Scoring;

/// <summary>
/// An article's score for one watchlist, with everything that made it: the terms found, the excludes that applied,
/// the requirement left unmet (a veto), and the seed-similarity bonus. <see cref="Score"/> is what the thresholds
/// compare; a veto makes it 0 and <see cref="RawScore"/> keeps what the terms gave.
/// </summary>
public sealed record WatchlistScore(string Watchlist, double Score, double Threshold, IReadOnlyList<TermMatch> Matches)
{
    public double RawScore { get; init; } = Score;

    public IReadOnlyList<TermMatch> Excluded { get; init; } = [];

    public string? UnmetRequirement { get; init; }

    public double SeedBonus { get; init; }

    /// <summary>The score of the article's English rendering, higher than its own language's.</summary>
    public bool Translated { get; init; }

    public bool IsRelevant => Score >= Threshold && Score > 0;
}
