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
    /// <summary>Configuration problems for the footer (an invalid watchlists.yaml and the version kept in force).</summary>
    public IReadOnlyList<ConfigNotice> ConfigNotices { get; init; } = [];

    /// <summary>A scheduled digest or an alert: which thresholds picked the items, and how the mail is titled.</summary>
    public MailKind Kind { get; init; } = MailKind.Digest;

    /// <summary>The language of the labels, dates and numbers (<c>en</c> or <c>fr</c>, the recipient's <c>Language</c>).</summary>
    public string Language { get; init; } = "en";

    /// <summary>The start of the period the mail covers (the previous digest sent to the recipient, or the age window); it ends at <see cref="GeneratedAt"/>.</summary>
    public DateTimeOffset? PeriodStart { get; init; }

    /// <summary>Where the recipient can unsubscribe (a mailto: or https URL), shown in the footer; null: no link.</summary>
    public string? Unsubscribe { get; init; }

    public int ItemCount => Sections.Sum(s => s.Items.Count);
}
