namespace Monitor.Digest;

// What the templates see, as snake_case names (DigestView.ItemCount is {{ item_count }}): every value already written
// for the recipient (times in their zone and language, titles on one line and cut), so a template only lays them out.
// Internal: the templates are the contract, documented in config/templates/README.md.

/// <summary>The root of a template's model.</summary>
internal sealed record DigestView(
    string Kind,
    string Language,
    string Subject,
    DigestLabels Labels,
    string GeneratedAt,
    string PeriodStart,
    string PeriodEnd,
    int ItemCount,
    string WatchlistTitles,
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<FeedProblemView> FeedProblems,
    IReadOnlyList<ConfigNotice> ConfigNotices,
    string Unsubscribe);

internal sealed record SectionView(string Name, string Title, string Threshold, int ItemCount, IReadOnlyList<ItemView> Items);

internal sealed record ItemView(
    string Title,
    string Url,
    string Source,
    string Published,
    string Score,
    string Matched,
    string AlsoIn,
    string Snippet,
    IReadOnlyList<SnippetPart> SnippetParts,
    IReadOnlyList<AlsoView> AlsoReportedBy);

/// <summary>A run of snippet text, <see cref="Mark"/> when it is a matched term to highlight.</summary>
internal sealed record SnippetPart(string Text, bool Mark);

internal sealed record AlsoView(string Source, string Title, string Url);

internal sealed record FeedProblemView(string Url, string Since, string Description);
