namespace Monitor.Scoring;

/// <summary>
/// One concept of a watchlist: its display term, weight, and every phrasing that counts as it (the term and its
/// synonyms/translations), each already split into match words.
/// </summary>
public sealed record WatchlistTerm(string Term, double Weight, IReadOnlyList<string> Phrasings, IReadOnlyList<IReadOnlyList<string>> PhraseWords);
