namespace Monitor.Scoring;

/// <summary>
/// A term the seed corpus uses that no watchlist covers: its rank and weight, the words as the seeds write them most
/// often (<see cref="Surface"/>), how often and in how many seed files it occurs, how many stored articles use it, and
/// the first place it occurs (<see cref="Example"/>, a short excerpt of <see cref="ExampleFile"/>).
/// </summary>
public sealed record TermSuggestion(int Rank, double Score, string Surface, int Count, int SeedFiles, int StoredArticles, string Example, string ExampleFile);
