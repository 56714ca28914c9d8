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
    string Snippet);
