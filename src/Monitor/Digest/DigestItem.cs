namespace Monitor.Digest;

/// <summary>One article as shown in a digest: everything needed to render it, nothing to look up.</summary>
public sealed record DigestItem(
    long ArticleId,
    string Title,
    string? Url,
    string Source,
    DateTimeOffset? Published,
    double Score,
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<string> AlsoIn,
    string Snippet)
{
    /// <summary>Other reports of the same story (other sites, other languages), shown under this one.</summary>
    public IReadOnlyList<DigestAlso> AlsoReportedBy { get; init; } = [];

    /// <summary>The words that made the score, as written in the article (highlighted where the snippet has them).</summary>
    public IReadOnlyList<string> Highlights { get; init; } = [];

    /// <summary>This article and the other reports of its story: all are marked sent with the digest.</summary>
    public IEnumerable<long> ArticleIds => AlsoReportedBy.Select(a => a.ArticleId).Prepend(ArticleId);
}

/// <summary>Another report of a story: its source and link.</summary>
public sealed record DigestAlso(long ArticleId, string Source, string Title, string? Url);
