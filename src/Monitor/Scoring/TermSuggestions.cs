namespace Monitor.Scoring;

/// <summary>
/// What <see cref="TermSuggester"/> found: the best <see cref="Suggestions"/>, out of <see cref="Uncovered"/> candidates
/// no watchlist matches (<see cref="Covered"/> more were matched and left out), weighted against
/// <see cref="StoredArticles"/> stored articles and <see cref="SeedFiles"/> seed files.
/// </summary>
public sealed record TermSuggestions(IReadOnlyList<TermSuggestion> Suggestions, int Uncovered, int Covered, int StoredArticles, int SeedFiles);
