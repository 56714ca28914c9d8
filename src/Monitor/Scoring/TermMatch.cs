namespace Monitor.Scoring;

/// <summary>
/// A watchlist term found in an article: which term, the pattern that matched, the words as written in the article
/// (<see cref="Form"/>), the field, the term's weight, the field's boost and what it added to the score
/// (<see cref="Contribution"/> = weight × boost). Stored as JSON with the score: older rows have no form, boost or contribution.
/// </summary>
public sealed record TermMatch(string Term, string MatchedPhrase, string Field, double Weight)
{
    public string? Form { get; init; }

    public double Boost { get; init; } = 1;

    public double Contribution { get; init; } = Weight;
}
