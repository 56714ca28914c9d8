namespace Monitor.Scheduling;

/// <summary>Values of <see cref="ArticleOutcome.Outcome"/>.</summary>
public static class ArticleOutcomes
{
    public const string Relevant = "relevant";
    public const string NotRelevant = "not relevant";
    public const string Duplicate = "duplicate";
}
