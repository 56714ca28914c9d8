namespace Monitor.Digest;

/// <summary>A digest ready to be turned into a mail: who, what subject, which articles, and its HTML and text bodies.</summary>
public sealed record ComposedDigest(
    string RecipientAddress,
    string? RecipientName,
    string Subject,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<DigestSection> Sections,
    IReadOnlyList<long> ArticleIds,
    IReadOnlyList<FeedProblem> FeedProblems,
    string Html,
    string Text)
{
    public int ItemCount => Sections.Sum(s => s.Items.Count);
}
